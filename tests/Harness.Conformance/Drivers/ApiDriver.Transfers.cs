using System.Globalization;
using Harness.Conformance.Support;

namespace Harness.Conformance.Drivers;

/// <summary>メール通知パスワード利用変更, 振込・振替 to a listed payee and 振込・振替限度額変更 through the JSON API.</summary>
public sealed partial class ApiDriver
{
    private int? _payeeId;

    public async Task<Outcome> ChangeMailPasswordUseAsync(bool use)
    {
        var reply = await api.PostAsync("/api/settings/mail-password", new { use }, _session);
        return reply.Ok ? new Outcome(true, reply["status"] == "変更内容確認" ? "confirm" : "done", reply.Message) : Refused(reply);
    }

    public async Task<Outcome> ConfirmMailPasswordChangeAsync(string confirmationPassword, string mailPassword)
    {
        var reply = await api.PostAsync("/api/settings/mail-password/confirm", new { confirmationPassword, mailPassword }, _session);
        return reply.Ok ? new Outcome(true, "done", reply.Message) : Refused(reply);
    }

    public async Task<Outcome> PrepareTransferToPayeeAsync(PayeeChoice payee)
    {
        var me = BankApi.Require(await api.GetAsync("/api/me", _session), "メニューの表示");
        _payeeId = me.Json.GetProperty("payees").EnumerateArray()
            .Where(p => p.GetProperty("accountNo").GetString() == payee.AccountNo && p.GetProperty("accountName").GetString() == payee.AccountName)
            .Select(p => (int?)p.GetProperty("id").GetInt32())
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"振込・振替先一覧に「{payee.Label}」がありません。");
        var reply = await api.PostAsync("/api/transfers/prepare", new { payeeId = _payeeId }, _session);
        return reply.Ok ? new Outcome(true, "transfer", reply.Message) : Refused(reply);
    }

    public async Task<Outcome> TransferToPayeeAsync(long amountYen, string confirmationPassword, string? mailPassword)
    {
        var payeeId = _payeeId ?? throw new InvalidOperationException("振込先をまだ選んでいません。");
        var reply = await api.PostAsync("/api/transfers", new
        {
            payeeId,
            amountYen = amountYen.ToString(CultureInfo.InvariantCulture),
            confirmationPassword,
            mailPassword,
        }, _session);
        return reply.Ok ? new Outcome(true, "transferred", reply.Message) : Refused(reply);
    }

    public async Task<Outcome> ChangeTransferLimitAsync(string limitYen, string confirmationPassword, string? code)
    {
        var reply = await api.PostAsync("/api/limit", new
        {
            limitYen,
            confirmationPassword,
            otpCode = code,
        }, _session);
        return reply.Ok ? new Outcome(true, "done", reply.Message) : Refused(reply);
    }

    public async Task<Outcome> RequestSoftTokenIssueAsync(string phoneMail, string activationPassword, string confirmationPassword)
    {
        var reply = await api.PostAsync("/api/otp/soft", new
        {
            mailAddress = phoneMail,
            mailAddressConfirm = phoneMail,
            activationPassword,
            activationPasswordConfirm = activationPassword,
            confirmationPassword,
            mailPassword = (string?)null,
        }, _session);
        return reply.Ok ? new Outcome(true, "issued", reply.Message) : Refused(reply);
    }

    public async Task<string> MailPasswordStatusAsync()
    {
        var reply = BankApi.Require(await api.GetAsync("/api/me", _session), "メニューの表示");
        return reply.Json.GetProperty("mailPassword").GetString() ?? string.Empty;
    }
}
