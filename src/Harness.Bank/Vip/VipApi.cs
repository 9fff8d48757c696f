using Harness.Bank.Audit;
using Harness.Bank.Common;
using Harness.Bank.Customers;
using Harness.Bank.Data;
using Harness.Bank.Profiles;
using Harness.Bank.Tokens;

namespace Harness.Bank.Vip;

public sealed record VipRegisterRequest(string? LoginId, string? Password, string? CredentialId, string? SecurityCode);
public sealed record VipStopRequest(string? LoginId, string? Password, string? SecurityCode);
public sealed record VipDone(string Message, string MessageCode);

public static class VipApi
{
    public static RouteGroupBuilder MapVip(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/vip");
        api.MapPost("/register", async (VipRegisterRequest request, VipOperations ops, CancellationToken ct) => (await ops.RegisterAsync(request, ct)).ToResult());
        api.MapPost("/stop", async (VipStopRequest request, VipOperations ops, CancellationToken ct) => (await ops.StopAsync(request, ct)).ToResult());
        return api;
    }
}

/// <summary>The login screen's 利用登録/交換 and 利用停止 of the VIP Access banks.</summary>
public sealed class VipOperations(BankDb db, LoginOperations login, AuditLog audit, OtpChecks otp, ITokenVendor vendor, BankProfile profile,
    CustomerLocks locks, TimeProvider clock)
{
    public async Task<Outcome<VipDone>> RegisterAsync(VipRegisterRequest request, CancellationToken ct)
    {
        if (!profile.Offers(TokenKind.Vip))
        {
            return Problem.NotFound("このお手続きはお取り扱いしておりません。");
        }
        var digits = profile.ParametersFor(TokenKind.Vip).Digits;
        var bad = Input.First(
            Input.Alphanumeric(request.LoginId, "契約者ID", 1, 32),
            Input.Password(request.Password, "ログインパスワード"),
            CredentialIdProblem(request.CredentialId),
            Input.Digits(request.SecurityCode, "ワンタイムパスワード", digits, digits));
        if (bad is not null)
        {
            return bad;
        }
        var auth = await login.AuthenticateAsync(request.LoginId, request.Password, ct);
        return auth.Value is { } customer ? await RegisterForAsync(customer, request.CredentialId, request.SecurityCode, ct) : auth.Problem!;
    }

    /// <summary>利用登録/交換 for a customer whose 契約者ID + ログインパスワード were checked (利用者認証).</summary>
    public async Task<Outcome<VipDone>> RegisterForAsync(Customer customer, string? credentialIdText, string? securityCode, CancellationToken ct)
    {
        var digits = profile.ParametersFor(TokenKind.Vip).Digits;
        if (Input.First(CredentialIdProblem(credentialIdText), Input.Digits(securityCode, "ワンタイムパスワード", digits, digits)) is { } bad)
        {
            return bad;
        }
        using var _ = await locks.EnterAsync(customer.Id, ct);
        await db.Entry(customer).ReloadAsync(ct);
        var credentialId = credentialIdText!;
        if (customer.Kind == CustomerKind.Corporate
            && profile.Otp.CorporateRefusedCredentialPrefixes.Any(prefix => credentialId.StartsWith(prefix, StringComparison.Ordinal)))
        {
            audit.Record("customer", customer.LoginId, "ワンタイムパスワード利用登録", "拒否(法人はパソコン版不可)");
            await db.SaveChangesAsync(ct);
            return Problem.Forbidden("desktop_not_allowed", "法人のお客様はパソコン版のソフトウェアトークンをご利用いただけません。スマートフォン版をご利用ください。");
        }
        var current = await otp.CurrentTokenAsync(customer.Id, ct);
        if (current?.State == TokenState.Locked)
        {
            return Problem.Locked(profile.Texts.OtpLockedMessage);
        }
        if (current is not null && !profile.Otp.VipRegistrationExchanges)
        {
            return Problem.Conflict("token_exists", "ワンタイムパスワードは既に利用登録されています。端末を変更する場合は、旧端末で利用停止を行ってから利用登録を行ってください。");
        }
        var answer = await vendor.ValidateAsync(credentialId, securityCode!, ct);
        switch (answer)
        {
            case VendorAnswer.Outage:
                audit.Record("customer", customer.LoginId, "ワンタイムパスワード利用登録", "拒否(ベンダー障害)");
                await db.SaveChangesAsync(ct);
                return Problem.VendorDown;
            case VendorAnswer.UnknownCredential:
                audit.Record("customer", customer.LoginId, "ワンタイムパスワード利用登録", "失敗(トークンID不明)");
                await db.SaveChangesAsync(ct);
                return Problem.BadInput("トークンIDが正しくありません。");
            case VendorAnswer.Invalid:
                audit.Record("customer", customer.LoginId, "ワンタイムパスワード利用登録", "失敗");
                await db.SaveChangesAsync(ct);
                return Problem.OtpWrong;
        }
        var now = clock.GetUtcNow();
        current?.Stop(now);
        db.Tokens.Add(Token.RegisterVip(customer.Id, credentialId, now));
        audit.Record("customer", customer.LoginId, current is null ? "ワンタイムパスワード利用登録" : "ワンタイムパスワード交換", "成功");
        await db.SaveChangesAsync(ct);
        return new VipDone(profile.Texts.VipRegisteredMessage, profile.Texts.VipRegisteredMessageCode);
    }

    public async Task<Outcome<VipDone>> StopAsync(VipStopRequest request, CancellationToken ct)
    {
        if (!profile.Offers(TokenKind.Vip))
        {
            return Problem.NotFound("このお手続きはお取り扱いしておりません。");
        }
        var digits = profile.ParametersFor(TokenKind.Vip).Digits;
        var bad = Input.First(
            Input.Alphanumeric(request.LoginId, "契約者ID", 1, 32),
            Input.Password(request.Password, "ログインパスワード"),
            Input.Digits(request.SecurityCode, "ワンタイムパスワード", digits, digits));
        if (bad is not null)
        {
            return bad;
        }
        var auth = await login.AuthenticateAsync(request.LoginId, request.Password, ct);
        return auth.Value is { } customer ? await StopForAsync(customer, request.SecurityCode, ct) : auth.Problem!;
    }

    /// <summary>利用停止 for a customer whose 契約者ID + ログインパスワード were checked, with the current security code.</summary>
    public async Task<Outcome<VipDone>> StopForAsync(Customer customer, string? securityCode, CancellationToken ct)
    {
        var digits = profile.ParametersFor(TokenKind.Vip).Digits;
        if (Input.Digits(securityCode, "ワンタイムパスワード", digits, digits) is { } bad)
        {
            return bad;
        }
        using var _ = await locks.EnterAsync(customer.Id, ct);
        await db.Entry(customer).ReloadAsync(ct);
        var token = await otp.InUseTokenAsync(customer.Id, ct);
        if (token is null)
        {
            return Problem.Conflict("no_token", "ワンタイムパスワードは利用登録されていません。");
        }
        var result = await otp.VerifyAsync(customer, token, securityCode, "ワンタイムパスワード利用停止 認証", ct);
        if (otp.ProblemOf(result) is { } problem)
        {
            await db.SaveChangesAsync(ct);
            return problem;
        }
        token.Stop(clock.GetUtcNow());
        audit.Record("customer", customer.LoginId, "ワンタイムパスワード利用停止", "成功");
        await db.SaveChangesAsync(ct);
        return new VipDone(profile.Texts.VipStoppedMessage, "");
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
