using System.Globalization;
using System.Text;
using Harness.Conformance.Drivers;
using Harness.Conformance.Support;
using Reqnroll;

namespace Harness.Conformance.Steps;

/// <summary>X-05 (security events in the audit log, read as the 行員 reads it) and X-06 (no secret in what the bank writes or
/// answers, as far as a scenario can see it).</summary>
[System.ComponentModel.Category("監査ログ")]
[Binding]
public sealed class 監査ログSteps(IBankDriver driver, Setup setup, World world)
{
    /// <summary>The bank writes the actor as a code; the auditor reads it in Japanese (X-05 の仮定: お客様・行員・システム).</summary>
    private static readonly Dictionary<string, string> Actors = new(StringComparer.Ordinal)
    {
        ["customer"] = "お客様",
        ["staff"] = "行員",
        ["system"] = "システム",
        ["app"] = "お客様のアプリ",
    };

    private Customer Customer => setup.Customer ?? throw new InvalidOperationException("お客様がいません。");

    /// <summary>The customer's entries, all of them and in order: 時刻 (日本時間), 実施者, 事象, 結果; each names the customer.</summary>
    [System.ComponentModel.Description("行員の監査ログ照会で、このお客様の記録が表の行 (時刻・実施者・事象・結果) とちょうど同じで同じ順である。全銀行・API/画面 (照会は API)")]
    [Then("行員が監査ログを照会すると、お客様について次の記録がある:")]
    public async Task 次の記録がある(DataTable table)
    {
        var (expected, actual) = await LinesAsync(table);
        if (!actual.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new ExpectationException($"期待 (時刻 | 実施者 | お客様 | 事象 | 結果):\n{string.Join('\n', expected)}\n実際:\n{string.Join('\n', actual)}");
        }
    }

    /// <summary>The rows appear in this order, other entries (e.g. the attempts between) may come between them.</summary>
    [System.ComponentModel.Description("行員の監査ログ照会で、このお客様の記録に表の行がこの順に含まれる (間に他の記録があってもよい)。全銀行・API/画面 (照会は API)")]
    [Then("行員が監査ログを照会すると、お客様について次の記録がこの順に含まれる:")]
    public async Task この順に含まれる(DataTable table)
    {
        var (expected, actual) = await LinesAsync(table);
        var next = 0;
        foreach (var line in actual)
        {
            if (next < expected.Count && string.Equals(line, expected[next], StringComparison.Ordinal))
            {
                next++;
            }
        }

        if (next < expected.Count)
        {
            throw new ExpectationException(
                $"期待 (この順に含まれる): \n{string.Join('\n', expected)}\n見つからなかった最初の行: {expected[next]}\n実際:\n{string.Join('\n', actual)}");
        }
    }

    private async Task<(List<string> Expected, List<string> Actual)> LinesAsync(DataTable table)
    {
        var reply = await setup.AuditLogAsync(Customer.LoginId);
        var actual = reply.Json.EnumerateArray().Select(e => Line(
            e.GetProperty("at").GetDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            Actors.GetValueOrDefault(e.GetProperty("actor").GetString() ?? string.Empty, e.GetProperty("actor").GetString() ?? string.Empty),
            e.GetProperty("loginId").GetString() == Customer.LoginId ? "このお客様" : e.GetProperty("loginId").GetString() ?? "(なし)",
            e.GetProperty("event").GetString() ?? string.Empty,
            e.GetProperty("result").GetString() ?? string.Empty)).ToList();
        var expected = table.Rows.Select(r => Line(r["時刻"], r["実施者"], "このお客様", r["事象"], r["結果"])).ToList();
        return (expected, actual);
    }

    /// <summary>Each row names a secret; an empty 値 takes the customer's own (ログインパスワード, 確認用パスワード). A value is also
    /// looked for in hexadecimal and Base64, the forms a seed leaks in.</summary>
    [System.ComponentModel.Description("表の秘密情報が、監査ログ・行員の照会・全メール・最後の画面 (API の答え) のどこにも、そのままでも 16 進・Base64 でも現れない。全銀行・API/画面")]
    [Then("次の秘密情報は、監査ログにもメールにも銀行の画面や API の答えにも現れない:")]
    public async Task 現れない(DataTable table)
    {
        var places = new List<(string Where, string Text)>
        {
            ("監査ログ", (await setup.AuditLogAsync(null)).Text),
            ("行員のお客様照会", BankApi.Require(await setup.Api.GetAsync($"/staff/api/customers/{Customer.LoginId}"), "窓口でのお客様照会").Text),
            (world.Channel == Channel.Ui ? "最後の画面" : "最後の API の答え", await driver.LastAnswerTextAsync()),
        };
        places.AddRange(world.Devices.Mailboxes.SelectMany(box => box.Messages.Select(m => ($"{box.Address} へのメール「{m.Subject}」", m.Subject + "\n" + m.Body))));
        var found = new List<string>();
        foreach (var row in table.Rows)
        {
            var name = row["秘密情報"];
            var value = row["値"] is { Length: > 0 } v ? v : name switch
            {
                "ログインパスワード" => Customer.Password,
                "確認用パスワード" => Customer.ConfirmationPassword,
                "ログインで受け付けられたワンタイムパスワード" => Customer.LastAcceptedCode ?? throw new InvalidOperationException("まだ受け付けられたワンタイムパスワードがありません。"),
                _ => throw new InvalidOperationException($"秘密情報「{name}」の値が書かれていません。"),
            };
            var bytes = Encoding.UTF8.GetBytes(value);
            var forms = new[] { value, Convert.ToHexString(bytes), Convert.ToHexStringLower(bytes), Convert.ToBase64String(bytes) };
            found.AddRange(places.Where(p => forms.Any(f => p.Text.Contains(f, StringComparison.Ordinal))).Select(p => $"{name} が{p.Where}に現れた"));
        }

        if (found.Count > 0)
        {
            throw new ExpectationException($"期待: 秘密情報はどこにも現れない\n実際:\n{string.Join('\n', found)}");
        }
    }

    private static string Line(string at, string actor, string customer, string @event, string result) =>
        $"{at} | {actor} | {customer} | {@event} | {result}";
}
