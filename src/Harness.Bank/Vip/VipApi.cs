using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Customers;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;

namespace Harness.Bank.Vip;

/// <summary>The login screen's 利用登録/交換 and 利用停止 of the VIP Access banks.</summary>
public static class VipApi
{
    public sealed record RegisterRequest(string? LoginId, string? Password, string? CredentialId, string? SecurityCode);
    public sealed record StopRequest(string? LoginId, string? Password, string? SecurityCode);

    public static RouteGroupBuilder MapVip(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/vip");
        api.MapPost("/register", RegisterAsync);
        api.MapPost("/stop", StopAsync);
        return api;
    }

    private static async Task<IResult> RegisterAsync(RegisterRequest request, BankDb db, PasswordHasher hasher, AuditLog audit, OtpChecks otp,
        ITokenVendor vendor, BankProfile profile, CustomerLocks locks, TimeProvider clock, CancellationToken ct)
    {
        if (!profile.Offers(TokenKind.Vip))
        {
            return Problem.NotFound("このお手続きはお取り扱いしておりません。").ToResult();
        }
        var digits = profile.ParametersFor(TokenKind.Vip).Digits;
        var bad = Input.First(
            Input.Alphanumeric(request.LoginId, "契約者ID", 1, 32),
            Input.Password(request.Password, "ログインパスワード"),
            CredentialIdProblem(request.CredentialId),
            Input.Digits(request.SecurityCode, "ワンタイムパスワード", digits, digits));
        if (bad is not null)
        {
            return bad.ToResult();
        }
        var auth = await LoginApi.AuthenticateAsync(db, hasher, audit, request.LoginId, request.Password, ct);
        if (auth.Value is not { } customer)
        {
            return auth.ToResult();
        }
        using var _ = await locks.EnterAsync(customer.Id, ct);
        await db.Entry(customer).ReloadAsync(ct);
        var credentialId = request.CredentialId!;
        if (customer.Kind == CustomerKind.Corporate
            && profile.Otp.CorporateRefusedCredentialPrefixes.Any(prefix => credentialId.StartsWith(prefix, StringComparison.Ordinal)))
        {
            audit.Record("customer", customer.LoginId, "ワンタイムパスワード利用登録", "拒否(法人はパソコン版不可)");
            await db.SaveChangesAsync(ct);
            return Problem.Forbidden("desktop_not_allowed", "法人のお客様はパソコン版のソフトウェアトークンをご利用いただけません。スマートフォン版をご利用ください。").ToResult();
        }
        var current = await otp.CurrentTokenAsync(customer.Id, ct);
        if (current?.State == TokenState.Locked)
        {
            return Problem.Locked(profile.Texts.OtpLockedMessage).ToResult();
        }
        if (current is not null && !profile.Otp.VipRegistrationExchanges)
        {
            return Problem.Conflict("token_exists", "ワンタイムパスワードは既に利用登録されています。端末を変更する場合は、旧端末で利用停止を行ってから利用登録を行ってください。").ToResult();
        }
        var answer = await vendor.ValidateAsync(credentialId, request.SecurityCode!, ct);
        switch (answer)
        {
            case VendorAnswer.Outage:
                audit.Record("customer", customer.LoginId, "ワンタイムパスワード利用登録", "拒否(ベンダー障害)");
                await db.SaveChangesAsync(ct);
                return Problem.VendorDown.ToResult();
            case VendorAnswer.UnknownCredential:
                audit.Record("customer", customer.LoginId, "ワンタイムパスワード利用登録", "失敗(トークンID不明)");
                await db.SaveChangesAsync(ct);
                return Problem.BadInput("トークンIDが正しくありません。").ToResult();
            case VendorAnswer.Invalid:
                audit.Record("customer", customer.LoginId, "ワンタイムパスワード利用登録", "失敗");
                await db.SaveChangesAsync(ct);
                return Problem.OtpWrong.ToResult();
        }
        var now = clock.GetUtcNow();
        current?.Stop(now);
        db.Tokens.Add(Token.RegisterVip(customer.Id, credentialId, now));
        audit.Record("customer", customer.LoginId, current is null ? "ワンタイムパスワード利用登録" : "ワンタイムパスワード交換", "成功");
        await db.SaveChangesAsync(ct);
        return Results.Json(new { message = profile.Texts.VipRegisteredMessage, messageCode = profile.Texts.VipRegisteredMessageCode });
    }

    private static async Task<IResult> StopAsync(StopRequest request, BankDb db, PasswordHasher hasher, AuditLog audit, OtpChecks otp,
        BankProfile profile, CustomerLocks locks, TimeProvider clock, CancellationToken ct)
    {
        if (!profile.Offers(TokenKind.Vip))
        {
            return Problem.NotFound("このお手続きはお取り扱いしておりません。").ToResult();
        }
        var digits = profile.ParametersFor(TokenKind.Vip).Digits;
        var bad = Input.First(
            Input.Alphanumeric(request.LoginId, "契約者ID", 1, 32),
            Input.Password(request.Password, "ログインパスワード"),
            Input.Digits(request.SecurityCode, "ワンタイムパスワード", digits, digits));
        if (bad is not null)
        {
            return bad.ToResult();
        }
        var auth = await LoginApi.AuthenticateAsync(db, hasher, audit, request.LoginId, request.Password, ct);
        if (auth.Value is not { } customer)
        {
            return auth.ToResult();
        }
        using var _ = await locks.EnterAsync(customer.Id, ct);
        await db.Entry(customer).ReloadAsync(ct);
        var token = await otp.InUseTokenAsync(customer.Id, ct);
        if (token is null)
        {
            return Problem.Conflict("no_token", "ワンタイムパスワードは利用登録されていません。").ToResult();
        }
        var result = await otp.VerifyAsync(customer, token, request.SecurityCode, "ワンタイムパスワード利用停止 認証", ct);
        if (otp.ProblemOf(result) is { } problem)
        {
            await db.SaveChangesAsync(ct);
            return problem.ToResult();
        }
        token.Stop(clock.GetUtcNow());
        audit.Record("customer", customer.LoginId, "ワンタイムパスワード利用停止", "成功");
        await db.SaveChangesAsync(ct);
        return Results.Json(new { message = profile.Texts.VipStoppedMessage });
    }

    /// <summary>トークンID / Credential ID: four upper-case letters and eight digits, e.g. VSMT12345678.</summary>
    private static Problem? CredentialIdProblem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Problem.BadInput("トークンIDを入力してください。");
        }
        var ok = value.Length == 12 && value[..4].All(char.IsAsciiLetterUpper) && value[4..].All(char.IsAsciiDigit);
        return ok ? null : Problem.BadInput("トークンIDは半角英大文字4桁と半角数字8桁（例：VSMT12345678）で入力してください。");
    }
}
