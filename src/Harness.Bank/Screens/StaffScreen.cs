using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Staff;
using Harness.Bank.Tokens;
using Microsoft.EntityFrameworkCore;
using static Harness.Bank.Screens.Html;

namespace Harness.Bank.Screens;

/// <summary>A plain 窓口 page: customers with their 登録状況, 利用停止 / ロック解除 / ご利用解除, the audit log.</summary>
public static class StaffScreen
{
    public static void MapStaffScreen(this IEndpointRouteBuilder app)
    {
        app.MapGet("/staff", (Html h, BankDb db, OtpChecks otp, BankProfile profile, CancellationToken ct) => PageAsync(h, db, otp, profile, null, ct));
        app.MapPost("/staff/otp", async (IFormCollection form, Html h, BankDb db, OtpChecks otp, BankProfile profile, StaffContext staff, CancellationToken ct) =>
        {
            var loginId = form["loginId"].ToString();
            CounterOperation? operation = form["op"].ToString() switch
            {
                "stop" => CounterOperation.Stop,
                "unlock" => CounterOperation.Unlock,
                "cancel" => CounterOperation.Cancel,
                _ => null,
            };
            if (operation is null)
            {
                return await PageAsync(h, db, otp, profile, "操作を選択してください。", ct);
            }
            var outcome = await staff.ChangeTokenAsync(loginId, operation.Value, ct);
            return await PageAsync(h, db, otp, profile, outcome.Problem?.Message ?? $"{loginId}：{outcome.Value!.Message}", ct);
        });
    }

    private static async Task<IResult> PageAsync(Html h, BankDb db, OtpChecks otp, BankProfile profile, string? message, CancellationToken ct)
    {
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.LoginId).Take(500).ToListAsync(ct);
        var rows = new List<string>();
        foreach (var c in customers)
        {
            var token = TokenView.Of(await otp.CurrentTokenAsync(c.Id, ct));
            var buttons = h.ChoiceForm("/staff/otp", "op", ("stop", "利用停止"), ("unlock", "ロック解除"), ("cancel", "ご利用解除"))
                .Replace("</form>", Hidden("loginId", c.LoginId) + "</form>", StringComparison.Ordinal);
            rows.Add($"<tr><td>{E(c.LoginId)}</td><td>{E(c.Name)}</td><td>{E(c.Kind.ToString())}</td><td>{E(token.Status)}</td>"
                + $"<td>{token.FailCount.ToString(System.Globalization.CultureInfo.InvariantCulture)}</td><td>{c.TransferLimitYen.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}円</td><td>{buttons}</td></tr>");
        }
        var audit = await db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Take(50).ToListAsync(ct);
        var auditRows = audit.Select(a =>
            $"<tr><td>{E(Common.JapanTime.ToJst(a.At).ToString("yyyy/MM/dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))}</td><td>{E(a.Actor)}</td><td>{E(a.LoginId)}</td><td>{E(a.Event)}</td><td>{E(a.Result)}</td></tr>");
        return h.Page("窓口", $"""
            {(message is null ? "" : $"<p role=\"status\">{E(message)}</p>")}
            <p>ロックの解除方法：{E(profile.Otp.LockLiftedBy == LockLift.StopAndReissue ? "利用停止のうえ再発行" : "窓口でのロック解除")}</p>
            <h2>お客様</h2>
            <table><tr><th>ログインID</th><th>お名前</th><th>区分</th><th>登録状況</th><th>連続誤入力</th><th>振込限度額</th><th>操作</th></tr>
            {string.Concat(rows)}</table>
            <h2>監査ログ（新しい順、50件）</h2>
            <table><tr><th>日時</th><th>操作者</th><th>お客様</th><th>イベント</th><th>結果</th></tr>
            {string.Concat(auditRows)}</table>
            """);
    }
}
