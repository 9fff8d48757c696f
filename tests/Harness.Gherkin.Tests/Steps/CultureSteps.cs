namespace Harness.Gherkin.Tests.Steps;

using System.Globalization;
using Reqnroll;

/// <summary>Steps whose match or argument depends on reqnroll.json (binding culture ja-JP) or on a scope.</summary>
[Binding]
public sealed class CultureSteps(ScenarioRecord record)
{
    /// <summary>「2026年4月1日」 reads as a date only in the binding culture ja-JP.</summary>
    [Given("日付は {DateTime} である")]
    public void Date(DateTime date) => record.Add("日付 " + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    [Given("金利は {decimal} パーセントである")]
    public void Rate(decimal rate) => record.Add("金利 " + rate.ToString(CultureInfo.InvariantCulture));

    [Given("場所による手順")]
    public void Unscoped() => record.Add("スコープなし");

    [Given("場所による手順")]
    [Scope(Tag = "秋田")]
    public void Akita() => record.Add("秋田のスコープ");

    [Given("機能スコープの手順")]
    [Scope(Feature = "日本語の機能")]
    public void FeatureScoped() => record.Add("機能のスコープ");
}
