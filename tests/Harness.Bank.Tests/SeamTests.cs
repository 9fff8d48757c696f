using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Harness.Bank.Mail;
using Harness.Bank.Vip;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Harness.Bank.Tests;

/// <summary>The real seams: MailKit over SMTP (CONTRACTS.md §4) and the vendor's HTTP API (§3).</summary>
public sealed class SeamTests
{
    [Test]
    public async Task Mail_goes_over_smtp_as_utf8_text_with_one_value_per_line()
    {
        using var server = new TinySmtpServer();
        var transport = new SmtpMailTransport("127.0.0.1", server.Port, NullLogger<SmtpMailTransport>.Instance);
        var serving = server.AcceptOneAsync();

        var sent = await transport.SendAsync(new OutgoingMail("akita-kenshin@otp-auth.net", "phone@example.jp", "トークン発行のご案内",
            "サービスID：12345678\nユーザID：123456789012\nhttp://127.0.0.1:1/app/download?bank=akita\n"), CancellationToken.None);
        var message = MimeMessage.Load(new MemoryStream(await serving.WaitAsync(TimeSpan.FromSeconds(30))));
        var text = (TextPart?)message.Body;

        Assert.That(sent, Is.EqualTo(true));
        Assert.That(message.Subject, Is.EqualTo("トークン発行のご案内"));
        Assert.That(message.From.Mailboxes.Single().Address, Is.EqualTo("akita-kenshin@otp-auth.net"));
        Assert.That(text?.ContentType.MimeType, Is.EqualTo("text/plain"));
        Assert.That(text?.ContentType.Charset, Is.EqualTo("utf-8"));
        Assert.That(text!.Text.ReplaceLineEndings("\n").Split('\n'), Does.Contain("サービスID：12345678").And.Contain("http://127.0.0.1:1/app/download?bank=akita"));
    }

    [Test]
    public async Task An_unreachable_smtp_server_is_an_outage_not_an_exception()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var transport = new SmtpMailTransport("127.0.0.1", port, NullLogger<SmtpMailTransport>.Instance);

        var sent = await transport.SendAsync(new OutgoingMail("a@example.jp", "b@example.jp", "件名", "本文"), CancellationToken.None);

        Assert.That(sent, Is.EqualTo(false));
    }

    [TestCase(200, """{"result":"valid"}""", VendorAnswer.Valid)]
    [TestCase(200, """{"result":"invalid"}""", VendorAnswer.Invalid)]
    [TestCase(200, """{"result":"unknown_credential"}""", VendorAnswer.UnknownCredential)]
    [TestCase(200, """{"result":"maybe"}""", VendorAnswer.Outage)]
    [TestCase(200, """not json""", VendorAnswer.Outage)]
    [TestCase(503, """{"result":"valid"}""", VendorAnswer.Outage)]
    public async Task The_vendor_client_reads_the_contract_and_treats_anything_else_as_an_outage(int status, string body, VendorAnswer expected)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var vendor = builder.Build();
        string? seen = null;
        vendor.MapPost("/vip/v1/validate", async (HttpRequest request) =>
        {
            seen = await new StreamReader(request.Body).ReadToEndAsync();
            return Results.Content(body, "application/json", Encoding.UTF8, status);
        });
        await vendor.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(vendor.Urls.Single() + "/"), Timeout = Timeout.InfiniteTimeSpan };
        var client = new HttpTokenVendor(http, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestBank.Start), new VendorTimeout(TimeSpan.FromSeconds(3)), NullLogger<HttpTokenVendor>.Instance);

        var answer = await client.ValidateAsync("VSMT12345678", "123456", CancellationToken.None);

        Assert.That(answer, Is.EqualTo(expected));
        Assert.That(seen, Is.EqualTo("""{"credentialId":"VSMT12345678","securityCode":"123456"}"""));
    }

    [Test]
    public async Task The_bank_sends_over_smtp_and_asks_the_vendor_over_http_when_no_seam_is_replaced()
    {
        using var smtp = new TinySmtpServer();
        var mail = smtp.AcceptOneAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var vendorApp = builder.Build();
        var vendorDown = false;
        vendorApp.MapPost("/vip/v1/validate", () => vendorDown
            ? Results.StatusCode(503)
            : Results.Content("""{"result":"valid"}""", "application/json"));
        await vendorApp.StartAsync();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestBank.Start);
        await using var shinkin = await BankHost.StartAsync(new BankHostOptions
        {
            Profile = "shinkin", TimeProvider = clock, VendorBaseUrl = vendorApp.Urls.Single(), VendorTimeout = TimeSpan.FromSeconds(5),
            SmtpHost = "127.0.0.1", SmtpPort = 1, PasswordHashCost = PasswordHashCost.ForTests,
        });
        await using var kyoei = await BankHost.StartAsync(new BankHostOptions
        {
            Profile = "kyoei", TimeProvider = clock, SmtpHost = "127.0.0.1", SmtpPort = smtp.Port, PasswordHashCost = PasswordHashCost.ForTests,
        });
        using var http = new HttpClient();
        var customer = shinkin.DemoCustomers[0];
        var register = new { loginId = customer.LoginId, password = customer.Password, credentialId = "VSMT12345678", securityCode = "123456" };

        using var registered = await http.PostAsJsonAsync(shinkin.BaseUrl + "/api/vip/register", register);
        vendorDown = true;
        using var login = await http.PostAsJsonAsync(shinkin.BaseUrl + "/api/login", new { loginId = customer.LoginId, password = customer.Password });
        var session = (await Reply.ReadAsync(login)).String("sessionId");
        using var otpRequest = new HttpRequestMessage(HttpMethod.Post, shinkin.BaseUrl + "/api/login/otp") { Content = JsonContent.Create(new { code = "123456" }) };
        otpRequest.Headers.Authorization = new("Bearer", session);
        using var outage = await http.SendAsync(otpRequest);
        var kyoeiCustomer = kyoei.DemoCustomers[0];
        using var kyoeiLogin = await http.PostAsJsonAsync(kyoei.BaseUrl + "/api/login", new { loginId = kyoeiCustomer.LoginId, password = kyoeiCustomer.Password });
        using var enrol = new HttpRequestMessage(HttpMethod.Post, kyoei.BaseUrl + "/api/settings/mail-password") { Content = JsonContent.Create(new { use = true }) };
        enrol.Headers.Authorization = new("Bearer", (await Reply.ReadAsync(kyoeiLogin)).String("sessionId"));
        using var enrolled = await http.SendAsync(enrol);
        // A safety net, not a wait: a missing mail fails the test instead of hanging it.
        var first = MimeMessage.Load(new MemoryStream(await mail.WaitAsync(TimeSpan.FromSeconds(30))));

        Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(outage.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(enrolled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.From.Mailboxes.Single().Address, Is.EqualTo("jimukan@kyoei-shinkumi.jp"));
        Assert.That(((TextPart?)first.Body)?.Text, Does.Match("メール通知パスワード：[0-9]{8}"));
    }

    /// <summary>Just enough SMTP to take one mail (no SMTP server package is on the feed).</summary>
    private sealed class TinySmtpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public TinySmtpServer() => _listener.Start();

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public async Task<byte[]> AcceptOneAsync()
        {
            using var client = await _listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.Latin1);
            var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            var data = new MemoryStream();
            await writer.WriteLineAsync("220 localhost ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                if (verb is "EHLO" or "HELO")
                {
                    await writer.WriteLineAsync("250 localhost");
                }
                else if (verb == "DATA")
                {
                    await writer.WriteLineAsync("354 go ahead");
                    while (await reader.ReadLineAsync() is { } body && body != ".")
                    {
                        var bytes = Encoding.Latin1.GetBytes((body.StartsWith("..", StringComparison.Ordinal) ? body[1..] : body) + "\r\n");
                        data.Write(bytes);
                    }
                    await writer.WriteLineAsync("250 queued");
                }
                else if (verb == "QUIT")
                {
                    await writer.WriteLineAsync("221 bye");
                    break;
                }
                else
                {
                    await writer.WriteLineAsync("250 ok");
                }
            }
            return data.ToArray();
        }

        public void Dispose() => _listener.Stop();
    }
}
