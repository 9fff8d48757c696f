using Harness.Conformance.Support;

namespace Harness.Conformance.Drivers;

/// <summary>POST /api/vip/register and /api/vip/stop (利用者認証 and the token's part in one call).</summary>
public sealed partial class ApiDriver
{
    private string _lastVipAnswer = string.Empty;

    public async Task<Outcome> RegisterVipAsync(string loginId, string password, string credentialId, string securityCode)
    {
        var reply = await api.PostAsync("/api/vip/register", new { loginId, password, credentialId, securityCode });
        _lastVipAnswer = reply.Text;
        return reply.Ok ? new Outcome(true, "vip-registered", WithCode(reply)) : Refused(reply);
    }

    public async Task<Outcome> StopVipAsync(string loginId, string password, string securityCode)
    {
        var reply = await api.PostAsync("/api/vip/stop", new { loginId, password, securityCode });
        _lastVipAnswer = reply.Text;
        return reply.Ok ? new Outcome(true, "vip-stopped", WithCode(reply)) : Refused(reply);
    }

    public Task<string> LastAnswerTextAsync() => Task.FromResult(_lastVipAnswer);

    /// <summary>The screen shows the message code on a line of its own under the message: the API's answer reads the same.</summary>
    private static string WithCode(ApiReply reply) =>
        reply["messageCode"] is { Length: > 0 } code ? $"{reply.Message}\n({code})" : reply.Message;
}
