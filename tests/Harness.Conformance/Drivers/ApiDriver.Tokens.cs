using Harness.Conformance.Support;

namespace Harness.Conformance.Drivers;

/// <summary>ワンタイムパスワード申請 through the JSON API.</summary>
public sealed partial class ApiDriver
{
    public async Task<string> OtpRegistrationStatusAsync()
    {
        var reply = BankApi.Require(await api.GetAsync("/api/otp/", _session), "ワンタイムパスワード申請内容選択の表示");
        return reply["status"] ?? string.Empty;
    }

    public async Task<(Outcome Outcome, TokenInfo Info)> IssueSoftTokenAsync(SoftTokenApplication application, Func<string> mailPassword)
    {
        string? mailed = null;
        // The confirmation screen's mail password is sent at 次へ, where the profile asks it; the API asks it explicitly.
        var send = await api.PostAsync("/api/otp/soft/mail-password", null, _session);
        if (send.Ok)
        {
            mailed = mailPassword();
        }
        else if ((int)send.Status == 503)
        {
            // The mail password could not be sent (the mail server is down): the screens stop at 次へ with this refusal.
            return (Refused(send), TokenInfo.None);
        }

        var reply = await api.PostAsync("/api/otp/soft", new
        {
            mailAddress = application.MailAddress,
            mailAddressConfirm = application.MailAddressConfirm,
            activationPassword = application.ActivationPassword,
            activationPasswordConfirm = application.ActivationPasswordConfirm,
            confirmationPassword = application.ConfirmationPassword,
            mailPassword = mailed,
        }, _session);
        return reply.Ok
            ? (new Outcome(true, "issued", reply.Message), new TokenInfo(reply["mailAddress"], reply["serviceId"], reply["userId"]))
            : (Refused(reply), TokenInfo.None);
    }

    public async Task<(Outcome Outcome, TokenInfo Info)> IssueHardTokenAsync(string confirmationPassword, string? code)
    {
        var reply = await api.PostAsync("/api/otp/hard", new { confirmationPassword, code }, _session);
        return reply.Ok ? (new Outcome(true, "applied", reply.Message), TokenInfo.None) : (Refused(reply), TokenInfo.None);
    }

    public async Task<Outcome> ChangeTransferLimitWithOtpAsync(long limitYen, string confirmationPassword, string? code)
    {
        var reply = await api.PostAsync("/api/limit", new
        {
            limitYen = limitYen.ToString(System.Globalization.CultureInfo.InvariantCulture),
            confirmationPassword,
            otpCode = code,
        }, _session);
        return reply.Ok ? new Outcome(true, "limit-changed", reply.Message) : Refused(reply);
    }

    public async Task<(Outcome Outcome, TokenInfo Info)> ActivateOtpAsync(string code, string? serialNo)
    {
        var reply = await api.PostAsync("/api/otp/activate", new { code, serialNo }, _session);
        return reply.Ok
            ? (new Outcome(true, "activated", reply.Message), new TokenInfo(SerialNo: reply["serialNo"], ExpiresAt: reply["expiresAt"]))
            : (Refused(reply), TokenInfo.None);
    }
}
