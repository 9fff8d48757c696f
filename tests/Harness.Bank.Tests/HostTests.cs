using System.Net;
using System.Net.Http.Json;
using Harness.Bank.Profiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Bank.Tests;

/// <summary>CONTRACTS.md §1, §2, §5, §6 and the profiles as data.</summary>
public sealed class HostTests
{
    [Test]
    public async Task The_harness_clock_moves_the_bank_only_in_harness_mode()
    {
        await using var bank = await TestBank.StartAsync("kyoei");
        var clock = new FakeTimeProvider(TestBank.Start);
        await using var plain = await BankHost.StartAsync(new BankHostOptions { Profile = "kyoei", TimeProvider = clock, PasswordHashCost = PasswordHashCost.ForTests, MailTransport = new Outbox() });
        using var plainHttp = new HttpClient { BaseAddress = new Uri(plain.BaseUrl) };

        var advanced = await bank.PostAsync("/harness/clock", new { advanceSeconds = 60 });
        var set = await bank.PostAsync("/harness/clock", new { set = "2026-11-23T09:10:00+09:00" });
        var back = await bank.PostAsync("/harness/clock", new { set = "2026-11-23T09:00:00+09:00" });
        using var absent = await plainHttp.PostAsJsonAsync("/harness/clock", new { advanceSeconds = 60 });

        Assert.That(advanced.Json.GetProperty("now").GetDateTimeOffset(), Is.EqualTo(TestBank.Start.AddSeconds(60)));
        Assert.That(set.Json.GetProperty("now").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(2026, 11, 23, 0, 10, 0, TimeSpan.Zero)));
        Assert.That(back.Message, Is.EqualTo("時刻を戻すことはできません。"));
        Assert.That(bank.Clock.GetUtcNow(), Is.EqualTo(new DateTimeOffset(2026, 11, 23, 0, 10, 0, TimeSpan.Zero)));
        Assert.That(absent.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(new Uri(plain.BaseUrl).Host, Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public async Task Provisioning_answers_the_contract_and_refuses_a_wrong_activation_password()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var session = await bank.LoggedInAsync(customer);
        await bank.PostAsync("/api/otp/soft/mail-password", null, session);
        var issue = await bank.PostAsync("/api/otp/soft", new
        {
            mailAddress = "phone@example.jp", mailAddressConfirm = "phone@example.jp",
            activationPassword = "4321", activationPasswordConfirm = "4321",
            confirmationPassword = customer.ConfirmationPassword,
            mailPassword = bank.Outbox.LastValue(customer.Email, "メール通知パスワード"),
        }, session);

        var wrong = await bank.PostAsync("/app/v1/provision", new { serviceId = issue.String("serviceId"), userId = issue.String("userId"), activationPassword = "9999", deviceId = "phone-1" });
        var right = await bank.PostAsync("/app/v1/provision", new { serviceId = issue.String("serviceId"), userId = issue.String("userId"), activationPassword = "4321", deviceId = "phone-1" });

        Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(wrong.Message, Is.EqualTo("サービスID、ユーザIDまたは利用開始パスワードが正しくありません。"));
        Assert.That(right.String("institutionName"), Is.EqualTo("青森県信用組合"));
        Assert.That((right.String("algorithm"), right.Int("digits"), right.Int("periodSeconds")), Is.EqualTo(("SHA1", 8, 60)));
        Assert.That(right.String("secret"), Does.Match("^[A-Z2-7]+$"));
        Assert.That((right.String("activatedOn"), right.String("expiresOn")), Is.EqualTo(("2026-11-23", "2031-11-22")));
    }

    [Test]
    public async Task A_pskc_delivery_is_imported_into_keyfob_stock()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var xml = PskcFile.Of(
            ("101199980021", new byte[20], TestBank.Start.AddYears(5)),
            ("101199980022", new byte[20], TestBank.Start.AddYears(5)));

        var first = await PskcFile.ImportAsync(bank, xml);
        var again = await PskcFile.ImportAsync(bank, xml);
        var broken = await PskcFile.ImportAsync(bank, "<KeyContainer");

        Assert.That(first.Int("imported"), Is.EqualTo(2));
        Assert.That(first.Json.GetProperty("serials").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "101199980021", "101199980022" }));
        Assert.That(again.Code, Is.EqualTo("duplicate_serial"));
        Assert.That(broken.Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Akita_refuses_online_issue_until_the_counter_accepted_the_application()
    {
        await using var bank = await TestBank.StartAsync("akita");
        var customer = bank.Host.DemoCustomers[0];
        var session = await bank.LoggedInAsync(customer);
        var request = new
        {
            mailAddress = "phone@example.jp", mailAddressConfirm = "phone@example.jp",
            activationPassword = "1234", activationPasswordConfirm = "1234",
            confirmationPassword = customer.ConfirmationPassword,
        };

        var before = await bank.PostAsync("/api/otp/soft", request, session);
        await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/otp/accept-application");
        var after = await bank.PostAsync("/api/otp/soft", request, session);
        var accepted = bank.Outbox.Mails.First();
        var issued = bank.Outbox.Mails.Last();

        Assert.That(before.Code, Is.EqualTo("application_required"));
        Assert.That((accepted.Subject, accepted.From), Is.EqualTo(("受付確認の案内", "AKITAKENSHINYOUKUMIAI <info@akita-kenshin.jp>")));
        Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), after.Text);
        Assert.That((issued.Subject, issued.From, issued.To), Is.EqualTo(("トークン発行のご案内", "akita-kenshin@otp-auth.net", "phone@example.jp")));
    }

    [Test]
    public async Task Kyoei_customer_deactivates_with_the_confirmation_password_and_the_next_login_asks_no_otp()
    {
        await using var bank = await TestBank.StartAsync("kyoei");
        var customer = bank.Host.DemoCustomers[0];
        var (session, _) = await bank.ActiveSoftTokenAsync(customer);

        var off = await bank.PostAsync("/api/otp/deactivate", new { confirmationPassword = customer.ConfirmationPassword }, session);
        var next = await bank.LoginAsync(customer);

        Assert.That(off.Message, Is.EqualTo("ワンタイムパスワードの利用解除登録が完了しました。"));
        Assert.That(off.Long("transferLimitYen"), Is.EqualTo(1_000_000), "kyoei keeps the limit");
        Assert.That(next.String("next"), Is.EqualTo("menu"));
    }

    [Test]
    public async Task The_audit_log_has_every_security_event_and_no_secret()
    {
        await using var bank = await TestBank.StartAsync("aomori");
        var customer = bank.Host.DemoCustomers[0];
        var (session, app) = await bank.ActiveSoftTokenAsync(customer);
        bank.Clock.Advance(TimeSpan.FromSeconds(60));
        await bank.PostAsync("/api/otp/deactivate", new { confirmationPassword = customer.ConfirmationPassword, code = app.CodeNow() }, session);

        var audit = await bank.GetAsync($"/staff/api/audit?loginId={customer.LoginId}");
        var events = audit.Json.EnumerateArray().Select(e => (e.GetProperty("event").GetString(), e.GetProperty("result").GetString())).ToList();
        var secrets = new[] { customer.Password, customer.ConfirmationPassword, "1234", bank.Outbox.LastValue(customer.Email, "メール通知パスワード") };

        Assert.That(events, Is.SupersetOf(new (string?, string?)[]
        {
            ("トークン発行(ソフトウェアトークン)", "成功"),
            ("アプリ初期設定", "成功"),
            ("利用開始", "成功"),
            ("利用解除 ワンタイムパスワード認証", "成功"),
            ("利用解除", "成功"),
        }));
        Assert.That(audit.Json.EnumerateArray().All(e => e.GetProperty("at").GetDateTimeOffset().Offset == TimeSpan.FromHours(9)), Is.EqualTo(true));
        foreach (var secret in secrets)
        {
            Assert.That(audit.Text, Does.Not.Contain(secret));
        }
    }

    [Test]
    public void Every_profile_loads_with_its_numbers_and_marks_its_assumptions()
    {
        var profiles = BankProfile.Names.Select(BankProfile.Load).ToDictionary(p => p.Id);

        Assert.That(profiles.Keys, Is.EqualTo(new[] { "akita", "kyoei", "komatsugawa", "aomori", "shinkin" }));
        Assert.That(profiles.Values.Select(p => p.Otp.FailThreshold), Is.All.EqualTo(10));
        Assert.That(profiles.Values.Select(p => p.MailPassword.FailThreshold), Is.All.EqualTo(5));
        Assert.That(profiles["aomori"].Limits.AfterDeactivationYen, Is.EqualTo(200_000));
        Assert.That(profiles["aomori"].Otp.KeyfobReissueWindowDays, Is.EqualTo(90));
        Assert.That((profiles["aomori"].Otp.Hard!.Digits, profiles["aomori"].Otp.Soft!.Digits), Is.EqualTo((6, 8)));
        Assert.That((profiles["shinkin"].Otp.Vip!.Digits, profiles["shinkin"].Otp.Vip!.PeriodSeconds), Is.EqualTo((6, 30)));
        Assert.That(profiles.Values.Where(p => p.Otp.MobileIbWithoutOtp).Select(p => p.Id), Is.EqualTo(new[] { "shinkin" }));
        Assert.That(profiles["komatsugawa"].Otp.CorporateRefusedCredentialPrefixes, Is.EqualTo(new[] { "VSST" }));
        Assert.That(profiles["akita"].Otp.LockLiftedBy, Is.EqualTo(LockLift.StopAndReissue));
        Assert.That(profiles.Values.SelectMany(p => p.Assumptions), Is.All.Contain("仮定"));
    }
}

/// <summary>The same model on PostgreSQL: the schema it would create, checked without a server.</summary>
public sealed class PostgresModelTests
{
    [Test]
    public void The_bank_model_maps_to_postgresql()
    {
        var options = new DbContextOptionsBuilder<Data.BankDb>().UseNpgsql("Host=127.0.0.1;Database=bank").Options;
        using var db = new Data.BankDb(options, new Data.WriteGate(serialise: false));

        var script = db.Database.GenerateCreateScript();

        Assert.That(script, Does.Contain("CREATE TABLE \"Customers\"").And.Contain("CREATE TABLE \"Tokens\"").And.Contain("CREATE TABLE \"Audit\""));
        Assert.That(script, Does.Contain("CREATE UNIQUE INDEX \"IX_Customers_LoginId\""));
    }
}
