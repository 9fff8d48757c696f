using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Harness.Devices.Tests.Phones;

/// <summary>
/// Plays the bank's POST /app/v1/provision exactly as CONTRACTS.md §2 describes it, until the real
/// bank can be wired in: one issued token, its activation password good once, first device wins.
/// </summary>
internal sealed class ProvisioningStub : IDisposable
{
    public const string ServiceId = "10112235";
    public const string UserId = "999800000001";
    public const string ActivationPassword = "1234";

    private readonly WireMockServer _server;
    private readonly object _gate = new();
    private string? _device;

    public ProvisioningStub(string answerJson)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [BaseUrl] });
        _server.Given(Request.Create().WithPath("/app/v1/provision").UsingPost())
            .RespondWith(Response.Create().WithCallback(request => Answer(request.Body ?? string.Empty, answerJson)));
    }

    public string BaseUrl { get; }

    public Uri DownloadUrl(string bank) => new($"{BaseUrl}/app/download?bank={bank}");

    public IReadOnlyList<string> RequestBodies =>
        [.. _server.LogEntries.Select(e => e.RequestMessage?.Body ?? string.Empty)];

    private ResponseMessage Answer(string body, string answerJson)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        lock (_gate)
        {
            var device = root.GetProperty("deviceId").GetString();
            if (root.GetProperty("serviceId").GetString() != ServiceId || root.GetProperty("userId").GetString() != UserId)
                return Json(401, "{\"code\":\"invalid_ids\",\"message\":\"サービスIDまたはユーザIDが正しくありません。\"}");
            if (_device is not null && _device != device)
                return Json(409, "{\"code\":\"already_set_up\",\"message\":\"このトークンは他の端末で設定済みです。\"}");
            if (_device is not null || root.GetProperty("activationPassword").GetString() != ActivationPassword)
                return Json(401, "{\"code\":\"invalid_activation_password\",\"message\":\"利用開始パスワードが正しくありません。\"}");
            _device = device;
            return Json(200, answerJson);
        }
    }

    private static ResponseMessage Json(int status, string body)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        message.AddHeader("Content-Type", "application/json; charset=utf-8");
        return message;
    }

    public void Dispose() => _server.Dispose();
}
