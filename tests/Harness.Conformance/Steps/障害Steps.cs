using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Harness.Devices.Vendor;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>Outages of what the bank depends on (X-08, tag @障害): the token vendor failing (WireMock.Net), the mail server
/// refusing mail, the bank restarting on its database. Each must end in a clear message, no failure counted, nothing lost.</summary>
[System.ComponentModel.Category("障害")]
[Binding]
public sealed class 障害Steps(World world, Setup setup, IBankDriver driver, LastOutcome last)
{
    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。先に「お客様が…」の前提を書いてください。");

    /// <summary>"HTTP 500 を返す", "壊れた応答を返す" or "銀行の待ち時間を過ぎても答えない". In the last case the bank's wait passes
    /// on the virtual clock as soon as a request reaches the vendor (nothing waits in real time).</summary>
    [System.ComponentModel.Description("トークンベンダーを書いた障害の状態 (「HTTP 500 を返す」「壊れた応答を返す」「銀行の待ち時間を過ぎても答えない」) にする。VIP Access の銀行 (komatsugawa, shinkin)・API/画面")]
    [Given("トークンベンダーが {string} 状態である")]
    [When("トークンベンダーが {string} 状態になる")]
    public void ベンダー障害(string state)
    {
        var vendor = world.Devices.Vendor;
        switch (state)
        {
            case "HTTP 500 を返す":
                vendor.InjectFault(new VendorFault.ServerError());
                break;
            case "壊れた応答を返す":
                vendor.InjectFault(new VendorFault.MalformedBody());
                break;
            case "銀行の待ち時間を過ぎても答えない":
                vendor.InjectFault(new VendorFault.Delay(World.VendorTimeout * 10));
                _ = vendor.DelayedRequestArrived.ContinueWith(
                    _ => world.Clock.Advance(World.VendorTimeout + TimeSpan.FromSeconds(1)), TaskScheduler.Default);
                break;
            default:
                throw new ArgumentException(
                    $"トークンベンダーの状態「{state}」はありません。使えるのは「HTTP 500 を返す」「壊れた応答を返す」「銀行の待ち時間を過ぎても答えない」です。",
                    nameof(state));
        }
    }

    [System.ComponentModel.Description("トークンベンダーの障害を取り除く。VIP Access の銀行 (komatsugawa, shinkin)・API/画面")]
    [When("トークンベンダーが復旧する")]
    public void ベンダー復旧() => world.Devices.Vendor.ClearFault();

    /// <summary>The mail server delivers nothing: the embedded one answers every connection with 421 (RFC 5321); in containers
    /// mode Postfix is stopped in its container.</summary>
    [System.ComponentModel.Description("メールサーバーを止める (前提では止まっている)。メールは 1 通も届かない。全銀行・API/画面")]
    [Given("メールサーバーが止まっている")]
    [When("メールサーバーが止まる")]
    public Task メール障害() => world.StopMailServerAsync();

    [System.ComponentModel.Description("止めたメールサーバーを動かす。全銀行・API/画面")]
    [When("メールサーバーが復旧する")]
    public Task メール復旧() => world.StartMailServerAsync();

    [System.ComponentModel.Description("他口座への振込・振替を選ぼうとする (結果は確かめない。障害の確認用。「… を選ぶ」は進めたことまで確かめる)。akita, kyoei・API/画面")]
    [When("他口座への振込・振替を選ぼうとする")]
    public async Task 他口座を試みる() => last.Value = await driver.PrepareTransferToOtherAccountAsync();

    /// <summary>The bank runs on but cannot reach its database: in containers mode the PostgreSQL server stops in its
    /// container; embedded, every database call of the bank fails as SQLite does when it cannot open its file.</summary>
    [System.ComponentModel.Description("銀行はそのまま、銀行のデータベースを止める。全銀行・API/画面")]
    [When("銀行のデータベースが止まる")]
    public Task データベース障害() => world.StopDatabaseAsync();

    /// <summary>The database server is back (same data, same port); the bank was not restarted.</summary>
    [System.ComponentModel.Description("銀行のデータベースを同じデータで動かす (銀行は再起動しない)。全銀行・API/画面")]
    [When("銀行のデータベースが復旧する")]
    public Task データベース復旧() => world.StartDatabaseAsync();

    /// <summary>On the one-time password screen the login reached (after ID and password), the code the token shows now.</summary>
    [System.ComponentModel.Description("今いるワンタイムパスワード入力画面で、トークンの今のコードを入れる (入力画面にいなければ失敗)。全銀行・API/画面")]
    [When("ワンタイムパスワード入力画面で正しいワンタイムパスワードを入力する")]
    public async Task 入力画面で正しいコード()
    {
        Expect.That(last.Required, o => o.Next == "otp", "ワンタイムパスワード入力画面が表示されている");
        last.Value = await driver.SubmitLoginOtpAsync(Customer.CurrentCode());
    }

    /// <summary>The outage page's way back (the ledger's 障害.ログイン画面へ戻る) leads to the ログイン screen. Screens only: the
    /// API's refusal carries no link or next action.</summary>
    [System.ComponentModel.Description("障害の案内の画面で「ログイン画面へ戻る」リンク (台帳の文言) を選び、ログイン画面に戻る。リンクがなければ失敗。全銀行・画面だけ (API の障害の応答にはリンクがない)")]
    [Then("ログイン画面へ戻るリンクでログイン画面に戻れる")]
    public async Task ログイン画面へ戻る()
    {
        var back = await driver.BackToLoginFromOutageAsync();
        Expect.That(back, o => o.Next == "login", "ログイン画面へ戻るリンクでログイン画面に戻る");
    }

    /// <summary>Read by the bank's staff (窓口) from the account itself, not from the customer's screen.</summary>
    [System.ComponentModel.Description("行員の照会で、口座の残高が書いた金額である。全銀行・API/画面 (照会は API)")]
    [Then("口座の残高は {int} 円である")]
    public async Task 残高(int expected)
    {
        var status = BankApi.Require(await setup.Api.GetAsync($"/staff/api/customers/{Customer.LoginId}"), "窓口でのお客様照会");
        var actual = status.Json.GetProperty("balanceYen").GetInt64();
        if (actual != expected)
        {
            throw new ExpectationException($"期待: 口座の残高 {expected:N0} 円\n実際: {actual:N0} 円");
        }
    }

    /// <summary>The bank process stops and starts again on the same database and port; the customer's browser or API client
    /// keeps its session cookie.</summary>
    [System.ComponentModel.Description("銀行を同じデータベースとポートで再起動する (お客様のセッションの Cookie は残る)。全銀行・API/画面")]
    [When("銀行が再起動する")]
    public Task 再起動() => world.RestartBankAsync();
}
