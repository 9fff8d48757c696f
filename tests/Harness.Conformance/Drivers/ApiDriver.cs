using Harness.Conformance.Support;

namespace Harness.Conformance.Drivers;

/// <summary>The customer through the bank's JSON API.</summary>
public sealed partial class ApiDriver(BankApi api) : IBankDriver
{
    private string? _session;

    public async Task<Outcome> LoginAsync(string loginId, string password, string channel = "pc")
    {
        // The モバイルIB (feature phones) has its own entrance; a bank without one answers 404 there.
        var reply = channel == "mobile"
            ? await api.PostAsync("/api/mobile/login", new { loginId, password })
            : await api.PostAsync("/api/login", new { loginId, password, channel });
        _session = reply.Ok ? reply["sessionId"] : null;
        return reply.Ok ? new Outcome(true, reply["next"] ?? string.Empty, reply.Message) : Refused(reply);
    }

    public async Task<Outcome> SubmitLoginOtpAsync(string code)
    {
        var reply = await api.PostAsync("/api/login/otp", new { code }, _session);
        return reply.Ok ? new Outcome(true, reply["next"] ?? "menu", reply.Message) : Refused(reply);
    }

    public async Task<Outcome> DeactivateOtpAsync(string confirmationPassword, string? code)
    {
        var reply = await api.PostAsync("/api/otp/deactivate", new { confirmationPassword, code }, _session);
        return reply.Ok ? new Outcome(true, "deactivated", reply.Message) : Refused(reply);
    }

    public async Task<Outcome> PrepareTransferToOtherAccountAsync()
    {
        var reply = await api.PostAsync("/api/transfers/prepare", new { payeeId = (int?)null }, _session);
        return reply.Ok ? new Outcome(true, "transfer", reply.Message) : Refused(reply);
    }

    public async Task<Outcome> TransferToOtherAccountAsync(OtherAccountEntry entry)
    {
        var reply = await api.PostAsync("/api/transfers", new
        {
            bankName = "テスト銀行",
            branchName = "本店",
            accountNo = entry.AccountNo,
            accountName = "ヤマダ ハナコ",
            amountYen = entry.AmountYen,
            confirmationPassword = entry.ConfirmationPassword,
            mailPassword = entry.MailPassword,
            otpCode = entry.Code,
        }, _session);
        return reply.Ok ? new Outcome(true, "transferred", reply.Message) : Refused(reply);
    }

    public async Task<bool> IsLoggedInAsync() => (await api.GetAsync("/api/me", _session)).Ok;

    public async Task<long> TransferLimitYenAsync()
    {
        var reply = BankApi.Require(await api.GetAsync("/api/me", _session), "メニューの表示");
        return reply.Json.GetProperty("transferLimitYen").GetInt64();
    }

    public async Task<Outcome> LogoutAsync()
    {
        var reply = await api.PostAsync("/api/logout", null, _session);
        _session = null;
        return reply.Ok ? new Outcome(true, "login", reply.Message) : Refused(reply);
    }

    private static Outcome Refused(ApiReply reply) => new(false, reply["code"] ?? ((int)reply.Status).ToString(System.Globalization.CultureInfo.InvariantCulture), reply.Message);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
