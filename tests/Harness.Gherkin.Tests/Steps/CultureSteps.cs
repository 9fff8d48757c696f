namespace Harness.Gherkin.Tests.Steps;

[Binding]
public sealed class CultureSteps
{
    [Given("日付は {DateTime} である")]
    public static void Date(DateTime date) => Journal.Add("date " + date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    [Given("機能スコープの手順")]
    [Scope(Feature = "スコープ付き機能")]
    public static void FeatureScoped() => Journal.Add("feature scoped");
}

[Binding]
public sealed class MethodNameSteps
{
    [Given]
    public static void Given_残高が_P0_円である(int p0) => Journal.Add($"balance {p0}");

    [When]
    public static void WhenTheCustomerLogsInAs(string as_) => Journal.Add("login " + as_);
}
