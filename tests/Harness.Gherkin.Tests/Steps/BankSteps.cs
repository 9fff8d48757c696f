using Reqnroll;
using Reqnroll.Assist;

namespace Harness.Gherkin.Tests.Steps;

/// <summary>A toy account the sample features drive; shared by the step classes of one scenario through context injection.</summary>
public sealed class AccountState
{
    public string? Account { get; set; }

    public decimal Balance { get; set; }

    public decimal Limit { get; set; }

    public string? LastResult { get; set; }

    public List<Transfer> Transfers { get; } = [];

    public string? MailBody { get; set; }
}

public sealed record Transfer(string 振込先, decimal 金額);

[Binding]
public sealed class BankSteps(AccountState state)
{
    [Given("口座 {string} の残高が {int} 円である")]
    public void 口座の残高(string account, int balance)
    {
        state.Account = account;
        state.Balance = balance;
    }

    [Given("振込限度額が {int} 円である")]
    public void 振込限度額(int limit) => state.Limit = limit;

    [When("{int} 円を振り込む")]
    public void 振り込む(int amount)
    {
        if (amount > state.Limit || amount > state.Balance)
        {
            state.LastResult = "拒否";
            return;
        }

        state.Balance -= amount;
        state.LastResult = "成功";
    }

    [Then("残高は {int} 円である")]
    public void 残高(int expected)
    {
        if (state.Balance != expected)
        {
            throw new InvalidOperationException($"残高は {state.Balance} 円でした (期待: {expected} 円)");
        }
    }

    [Then(@"^振込の結果は ""(成功|拒否)"" である$")]
    public void 結果(string expected)
    {
        if (state.LastResult != expected)
        {
            throw new InvalidOperationException($"結果は {state.LastResult} でした (期待: {expected})");
        }
    }

    [When("次の振込をする:")]
    public void 次の振込(DataTable table) => state.Transfers.AddRange(table.CreateSet<Transfer>());

    [Then("明細は次のとおりである:")]
    public void 明細(DataTable table) => table.CompareToSet(state.Transfers);

    [When("次の本文のメールが届く:")]
    public void メール(string body) => state.MailBody = body;

    [Then("メールの本文に {string} が含まれる")]
    public void 本文(string text)
    {
        if (state.MailBody?.Contains(text, StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"本文に \"{text}\" がありません: {state.MailBody}");
        }
    }
}
