using System.Net;
using System.Text;
using System.Text.Json;
using Harness.Devices.Vendor;
using Harness.Devices.VipAccess;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Devices.Tests.Vendor;

public sealed class TokenVendorTests
{
    private const string CredentialId = "VSMT12345678";
    private static readonly byte[] RfcSeed = Encoding.ASCII.GetBytes("12345678901234567890");

    // 6 digits, 30 s steps over the RFC 4226 seed: step N shows the HOTP value of counter N.
    private const string Step1 = "287082";
    private const string Step2 = "359152";
    private const string Step3 = "969429";

    private FakeTimeProvider _clock = null!;
    private TokenVendor _vendor = null!;
    private HttpClient _bank = null!;

    [SetUp]
    public void Start()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(60)); // step 2
        _vendor = TokenVendor.Start(_clock);
        _vendor.Register(CredentialId, RfcSeed);
        _bank = new HttpClient { BaseAddress = new Uri(_vendor.BaseUrl) };
    }

    [TearDown]
    public void Stop()
    {
        _bank.Dispose();
        _vendor.Dispose();
    }

    [Test]
    public void The_vendor_listens_on_loopback_only()
    {
        Assert.That(new Uri(_vendor.BaseUrl).Host, Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public async Task The_current_code_is_valid_once_and_its_replay_is_refused()
    {
        Assert.That(await ValidateAsync(CredentialId, Step2), Is.EqualTo((200, "{\"result\":\"valid\"}")));
        Assert.That(await ValidateAsync(CredentialId, Step2), Is.EqualTo((200, "{\"result\":\"invalid\"}")));
    }

    [TestCase(Step1)]
    [TestCase(Step3)]
    public async Task A_code_one_step_either_side_is_valid(string code)
    {
        Assert.That(await ValidateAsync(CredentialId, code), Is.EqualTo((200, "{\"result\":\"valid\"}")));
    }

    [TestCase("755224")] // step 0
    [TestCase("338314")] // step 4
    [TestCase("000000")]
    [TestCase("28708")]
    public async Task A_code_two_steps_away_or_wrong_is_invalid(string code)
    {
        Assert.That(await ValidateAsync(CredentialId, code), Is.EqualTo((200, "{\"result\":\"invalid\"}")));
    }

    [Test]
    public async Task The_window_follows_the_shared_clock_to_the_second()
    {
        _clock.Advance(TimeSpan.FromSeconds(29)); // 89 s: still step 2, so step 1 is inside the window
        Assert.That(await ValidateAsync(CredentialId, Step1), Is.EqualTo((200, "{\"result\":\"valid\"}")));

        _clock.Advance(TimeSpan.FromSeconds(1)); // 90 s: step 3, so step 1 is two behind
        _vendor.Register("VSMT00000001", RfcSeed);
        Assert.That(await ValidateAsync("VSMT00000001", Step1), Is.EqualTo((200, "{\"result\":\"invalid\"}")));
    }

    [Test]
    public async Task A_code_of_an_earlier_step_than_the_last_accepted_is_refused()
    {
        Assert.That(await ValidateAsync(CredentialId, Step3), Is.EqualTo((200, "{\"result\":\"valid\"}")));
        Assert.That(await ValidateAsync(CredentialId, Step2), Is.EqualTo((200, "{\"result\":\"invalid\"}")));
    }

    [Test]
    public async Task An_unknown_credential_is_reported_as_such()
    {
        Assert.That(await ValidateAsync("VSST99999999", Step2), Is.EqualTo((200, "{\"result\":\"unknown_credential\"}")));
    }

    [TestCase("not json")]
    [TestCase("{\"credentialId\":\"VSMT12345678\"}")]
    [TestCase("{\"credentialId\":\"VSMT12345678\",\"securityCode\":359152}")]
    public async Task A_malformed_request_gets_400(string body)
    {
        Assert.That(await PostAsync(body), Is.EqualTo((400, "{\"error\":\"malformed_request\"}")));
    }

    [Test]
    public async Task A_server_error_fault_answers_500_and_consumes_nothing()
    {
        _vendor.InjectFault(new VendorFault.ServerError());
        Assert.That(await ValidateAsync(CredentialId, Step2), Is.EqualTo((500, "{\"error\":\"internal_server_error\"}")));

        _vendor.ClearFault();
        Assert.That(await ValidateAsync(CredentialId, Step2), Is.EqualTo((200, "{\"result\":\"valid\"}")));
    }

    [Test]
    public async Task A_malformed_body_fault_answers_200_with_html()
    {
        _vendor.InjectFault(new VendorFault.MalformedBody());

        using var response = await _bank.PostAsync(TokenVendor.ValidatePath, Json(CredentialId, Step2));

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("<html><body>Service Unavailable</body></html>"));
        });
    }

    [Test]
    public async Task A_delay_fault_outlasts_the_callers_timeout_and_consumes_nothing()
    {
        // The delay and the caller's timeout both run on the virtual clock: the caller gives up after 300 ms of it.
        _vendor.InjectFault(new VendorFault.Delay(TimeSpan.FromSeconds(1)));
        using (var impatientBank = new HttpClient { BaseAddress = new Uri(_vendor.BaseUrl), Timeout = Timeout.InfiniteTimeSpan })
        using (var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300), _clock))
        {
            var call = impatientBank.PostAsync(TokenVendor.ValidatePath, Json(CredentialId, Step2), giveUp.Token);
            await _vendor.DelayedRequestArrived;
            _clock.Advance(TimeSpan.FromMilliseconds(300));
            Assert.ThrowsAsync<TaskCanceledException>(() => call);
        }

        _vendor.ClearFault();
        Assert.That(await ValidateAsync(CredentialId, Step2), Is.EqualTo((200, "{\"result\":\"valid\"}")));
    }

    [Test]
    public async Task The_journal_keeps_each_request_with_its_virtual_time_and_fault()
    {
        await ValidateAsync(CredentialId, Step2);
        _clock.Advance(TimeSpan.FromSeconds(30));
        _vendor.InjectFault(new VendorFault.ServerError());
        await ValidateAsync(CredentialId, Step3);

        var journal = _vendor.Journal;
        Assert.That(journal, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(journal[0], Is.EqualTo(new VendorJournalEntry(DateTimeOffset.FromUnixTimeSeconds(60), "POST", "/vip/v1/validate",
                "{\"credentialId\":\"VSMT12345678\",\"securityCode\":\"359152\"}", 200, "{\"result\":\"valid\"}", null)));
            Assert.That(journal[1].At, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(90)));
            Assert.That(journal[1].StatusCode, Is.EqualTo(500));
            Assert.That(journal[1].Fault, Is.EqualTo("server error"));
        });

        using var exported = JsonDocument.Parse(_vendor.ExportJournalJson());
        Assert.Multiple(() =>
        {
            Assert.That(exported.RootElement.GetArrayLength(), Is.EqualTo(2));
            Assert.That(exported.RootElement[0].GetProperty("at").GetString(), Is.EqualTo("1970-01-01T00:01:00+00:00"));
            Assert.That(exported.RootElement[0].GetProperty("responseBody").GetString(), Is.EqualTo("{\"result\":\"valid\"}"));
            Assert.That(exported.RootElement[1].GetProperty("fault").GetString(), Is.EqualTo("server error"));
        });
    }

    [TestCase(VipCredentialKind.Desktop, "VSST")]
    [TestCase(VipCredentialKind.Mobile, "VSMT")]
    public async Task An_installed_vip_access_app_shows_an_id_and_codes_the_vendor_accepts(VipCredentialKind kind, string prefix)
    {
        var app = VipAccessApp.Install(_vendor, kind, _clock);

        Assert.Multiple(() =>
        {
            Assert.That(app.CredentialId, Does.Match("^" + prefix + "[0-9]{8}$"));
            Assert.That(app.SecurityCode, Does.Match("^[0-9]{6}$"));
        });
        Assert.That(await ValidateAsync(app.CredentialId, app.SecurityCode), Is.EqualTo((200, "{\"result\":\"valid\"}")));
    }

    [Test]
    public async Task One_credential_registered_at_two_banks_is_accepted_by_both()
    {
        var app = VipAccessApp.Install(_vendor, VipCredentialKind.Mobile, _clock);
        using var otherBank = new HttpClient { BaseAddress = new Uri(_vendor.BaseUrl) };

        Assert.That(await ValidateAsync(app.CredentialId, app.SecurityCode), Is.EqualTo((200, "{\"result\":\"valid\"}")));
        _clock.Advance(TimeSpan.FromSeconds(30));
        using var response = await otherBank.PostAsync(TokenVendor.ValidatePath, Json(app.CredentialId, app.SecurityCode));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"result\":\"valid\"}"));
    }

    [Test]
    public void The_vip_access_screen_shows_the_credential_id_and_code()
    {
        var app = new VipAccessApp(_vendor.Register("VSST87654321", RfcSeed), _clock);

        var html = app.RenderScreenHtml();

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<h1>VIP Access (デスクトップ)</h1>"));
            Assert.That(html, Does.Contain("<dd>VSST87654321</dd>"));
            Assert.That(html, Does.Contain("<div class=\"code\" id=\"code\">359152</div>"));
        });
    }

    [Test]
    public async Task A_phone_clock_two_steps_fast_gives_a_code_the_vendor_refuses_and_one_step_fast_one_it_accepts()
    {
        var deviceClock = new DeviceClock(_clock);
        var app = new VipAccessApp(_vendor.Register("VSMT00000002", RfcSeed), deviceClock);

        deviceClock.SetSkew(TimeSpan.FromSeconds(60));
        Assert.That(app.SecurityCode, Is.EqualTo("338314")); // step 4
        Assert.That(await ValidateAsync(app.CredentialId, app.SecurityCode), Is.EqualTo((200, "{\"result\":\"invalid\"}")));

        deviceClock.SetSkew(TimeSpan.FromSeconds(30));
        Assert.That(app.SecurityCode, Is.EqualTo(Step3));
        Assert.That(await ValidateAsync(app.CredentialId, app.SecurityCode), Is.EqualTo((200, "{\"result\":\"valid\"}")));
    }

    [Test]
    public void The_vip_access_code_changes_exactly_every_30_seconds()
    {
        var app = new VipAccessApp(_vendor.Register("VSMT00000003", RfcSeed), _clock); // 60 s: step 2

        var at60 = app.SecurityCode;
        _clock.Advance(TimeSpan.FromSeconds(29));
        var at89 = app.SecurityCode;
        var remaining = app.SecondsRemaining;
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(at60, Is.EqualTo(Step2));
            Assert.That(at89, Is.EqualTo(Step2));
            Assert.That(remaining, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(app.SecurityCode, Is.EqualTo(Step3));
        });
    }

    private static StringContent Json(string credentialId, string code) =>
        new($"{{\"credentialId\":\"{credentialId}\",\"securityCode\":\"{code}\"}}", Encoding.UTF8, "application/json");

    private Task<(int, string)> ValidateAsync(string credentialId, string code) =>
        PostAsync($"{{\"credentialId\":\"{credentialId}\",\"securityCode\":\"{code}\"}}");

    private async Task<(int, string)> PostAsync(string body)
    {
        using var response = await _bank.PostAsync(TokenVendor.ValidatePath, new StringContent(body, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
