using Harness.Devices.Mail;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Devices.Tests.Mail;

public sealed class MailServerTests
{
    private const string Bank = "akita-kenshin@otp-auth.net";
    private const string Phone = "taro@phone.example.jp";
    private const string Subject = "【秋田県信用組合】トークン発行のご案内";
    private const string Body =
        "秋田　太郎　様\n" +
        "\n" +
        "ワンタイムパスワードアプリのダウンロード用URLをお送りします。\n" +
        "http://127.0.0.1:41234/app/download?bank=akita\n" +
        "サービスID：12345678\n" +
        "ユーザID：123456789012\n" +
        "※このメールに返信しないでください。\n";

    private FakeTimeProvider _clock = null!;
    private MailServer _server = null!;

    [SetUp]
    public void StartServer()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        _server = MailServer.Start(_clock);
    }

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [TestCase("utf-8")]
    [TestCase("iso-2022-jp")]
    public async Task A_japanese_mail_reads_back_exactly(string charset)
    {
        await MailSender.SendAsync(_server.Port, Bank, Phone, Subject, Body, charset);

        var mail = _server.MailboxFor(Phone).Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(mail.From, Is.EqualTo(Bank));
            Assert.That(mail.Subject, Is.EqualTo(Subject));
            Assert.That(mail.Body, Is.EqualTo(Body));
            Assert.That(mail.BodyCharset, Is.EqualTo(charset).IgnoreCase);
            Assert.That(mail.ReceivedAt, Is.EqualTo(_clock.GetUtcNow()));
            Assert.That(mail.Envelope.Recipients, Is.EqualTo(new[] { Phone }));
        });
    }

    [Test]
    public async Task During_an_outage_the_server_answers_421_delivers_nothing_and_takes_mail_again_afterwards()
    {
        _server.InjectOutage();
        var refused = Assert.ThrowsAsync<SmtpCommandException>(() => MailSender.SendAsync(_server.Port, Bank, Phone, Subject, Body));
        Assert.Multiple(() =>
        {
            Assert.That((int)refused!.StatusCode, Is.EqualTo(421));
            Assert.That(_server.MailboxFor(Phone).Messages, Is.Empty);
        });

        _server.EndOutage();
        await MailSender.SendAsync(_server.Port, Bank, Phone, Subject, Body);
        Assert.That(_server.MailboxFor(Phone).Messages.Select(m => m.Subject), Is.EqualTo(new[] { Subject }));
    }

    [Test]
    public async Task An_iso_2022_jp_mail_travels_as_7_bit_and_still_decodes()
    {
        await MailSender.SendAsync(_server.Port, Bank, Phone, Subject, Body, "iso-2022-jp");

        var mail = _server.MailboxFor(Phone).Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(mail.Raw.All(b => b < 0x80), Is.True, "ISO-2022-JP is a 7-bit encoding");
            Assert.That(System.Text.Encoding.ASCII.GetString(mail.Raw), Does.Contain("=?iso-2022-jp?").IgnoreCase);
            Assert.That(mail.Value("サービスID"), Is.EqualTo("12345678"));
        });
    }

    [Test]
    public async Task Urls_and_full_width_colon_values_are_extracted_from_the_body()
    {
        await MailSender.SendAsync(_server.Port, Bank, Phone, Subject, Body);

        var mail = _server.MailboxFor(Phone).Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(mail.Urls, Is.EqualTo(new[] { new Uri("http://127.0.0.1:41234/app/download?bank=akita") }));
            Assert.That(mail.Value("サービスID"), Is.EqualTo("12345678"));
            Assert.That(mail.Value("ユーザID"), Is.EqualTo("123456789012"));
            Assert.That(mail.Values, Has.Count.EqualTo(2), "only lines with a full-width colon are values");
            Assert.That(() => mail.Value("利用開始パスワード"), Throws.TypeOf<KeyNotFoundException>());
        });
    }

    [Test]
    public async Task Lines_starting_with_a_dot_survive_dot_stuffing()
    {
        const string body = ".\n..\n.メール通知パスワード：482913\nend\n";

        await MailSender.SendAsync(_server.Port, Bank, Phone, "dots", body);

        Assert.That(_server.MailboxFor(Phone).Messages.Single().Body, Is.EqualTo(body));
    }

    [Test]
    public async Task Each_recipient_gets_the_mail_in_its_own_mailbox()
    {
        var message = MailSender.Compose(Bank, Phone, Subject, Body, "utf-8");
        message.To.Add(new MimeKit.MailboxAddress(null, "hanako@phone.example.jp"));

        await MailSender.SendAsync(_server.Port, message);

        Assert.Multiple(() =>
        {
            Assert.That(_server.MailboxFor(Phone).Count, Is.EqualTo(1));
            Assert.That(_server.MailboxFor("HANAKO@phone.example.jp").Count, Is.EqualTo(1), "addresses ignore case");
            Assert.That(_server.MailboxFor("nobody@phone.example.jp").Count, Is.EqualTo(0));
        });
    }

    [Test]
    public async Task Mail_is_searched_by_sender_and_subject()
    {
        await MailSender.SendAsync(_server.Port, "AKITAKENSHINYOUKUMIAIinfo@akita-kenshin.jp", Phone, "受付確認の案内", "受付しました。\n");
        await MailSender.SendAsync(_server.Port, Bank, Phone, Subject, Body);
        await MailSender.SendAsync(_server.Port, Bank, Phone, "メール通知パスワードのお知らせ", "メール通知パスワード：482913\n");

        var mailbox = _server.MailboxFor(Phone);
        Assert.Multiple(() =>
        {
            Assert.That(mailbox.Search(new MailQuery(From: Bank)).Select(m => m.Subject),
                Is.EqualTo(new[] { Subject, "メール通知パスワードのお知らせ" }));
            Assert.That(mailbox.Search(new MailQuery(SubjectContains: "受付確認")).Select(m => m.From),
                Is.EqualTo(new[] { "AKITAKENSHINYOUKUMIAIinfo@akita-kenshin.jp" }));
            Assert.That(mailbox.Search(new MailQuery(From: "akitakenshinyoukumiaiINFO@akita-kenshin.jp", SubjectContains: "受付")), Has.Count.EqualTo(1));
            Assert.That(mailbox.Search(new MailQuery(From: Bank, SubjectContains: "受付")), Is.Empty);
        });
    }

    [Test]
    public async Task Waiting_completes_when_the_mail_arrives()
    {
        var mailbox = _server.MailboxFor(Phone);
        var waiting = mailbox.WaitForMailAsync(new MailQuery(Bank, "トークン発行"), TimeSpan.FromMinutes(5));
        Assert.That(waiting.IsCompleted, Is.False);

        await MailSender.SendAsync(_server.Port, Bank, Phone, Subject, Body);

        Assert.That(waiting.IsCompletedSuccessfully, Is.True, "delivery completes the wait before the server answers 250");
        Assert.That((await waiting).Subject, Is.EqualTo(Subject));
    }

    [Test]
    public async Task Waiting_fails_exactly_when_the_virtual_deadline_passes()
    {
        var mailbox = _server.MailboxFor(Phone);
        await MailSender.SendAsync(_server.Port, Bank, Phone, "別のメール", "x\n");
        var waiting = mailbox.WaitForMailAsync(new MailQuery(SubjectContains: "トークン発行"), TimeSpan.FromMinutes(5));

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.That(waiting.IsCompleted, Is.False);
        _clock.Advance(TimeSpan.FromTicks(1));

        var error = Assert.ThrowsAsync<MailNotReceivedException>(() => waiting);
        Assert.That(error!.Message, Does.Contain("[akita-kenshin@otp-auth.net: 別のメール]"));
    }

    [Test]
    public async Task Waiting_after_a_mark_ignores_older_mail()
    {
        var mailbox = _server.MailboxFor(Phone);
        await MailSender.SendAsync(_server.Port, Bank, Phone, "メール通知パスワードのお知らせ", "メール通知パスワード：111111\n");
        var mark = mailbox.Count;

        var waiting = mailbox.WaitForMailAsync(new MailQuery(Bank, "メール通知パスワード"), TimeSpan.FromMinutes(1), after: mark);
        Assert.That(waiting.IsCompleted, Is.False);
        await MailSender.SendAsync(_server.Port, Bank, Phone, "メール通知パスワードのお知らせ", "メール通知パスワード：222222\n");

        Assert.That((await waiting).Value("メール通知パスワード"), Is.EqualTo("222222"));
    }

    [Test]
    public async Task A_mail_already_in_the_mailbox_completes_the_wait_at_once()
    {
        await MailSender.SendAsync(_server.Port, Bank, Phone, Subject, Body);

        var waiting = _server.MailboxFor(Phone).WaitForMailAsync(new MailQuery(Bank), TimeSpan.FromMinutes(1));

        Assert.That(waiting.IsCompletedSuccessfully, Is.True);
        Assert.That((await waiting).Subject, Is.EqualTo(Subject));
    }

    [Test]
    public async Task MailKit_is_refused_a_message_larger_than_the_limit()
    {
        await using var small = MailServer.Start(_clock, new MailServerOptions { MaxMessageBytes = 1000 });

        var error = Assert.ThrowsAsync<SmtpCommandException>(() =>
            MailSender.SendAsync(small.Port, Bank, Phone, Subject, string.Concat(Enumerable.Repeat("あいうえお\n", 200))));

        Assert.Multiple(() =>
        {
            Assert.That((int)error!.StatusCode, Is.EqualTo(552));
            Assert.That(small.MailboxFor(Phone).Count, Is.EqualTo(0));
        });
    }

    [Test]
    public async Task Concurrent_senders_each_get_their_mail_delivered()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            MailSender.SendAsync(_server.Port, Bank, Phone, $"メール{i}", $"メール通知パスワード：{i:D6}\n")));

        Assert.That(_server.MailboxFor(Phone).Messages.Select(m => m.Value("メール通知パスワード")).Order(),
            Is.EqualTo(Enumerable.Range(0, 8).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Test]
    public async Task A_url_followed_by_japanese_text_ends_where_the_japanese_begins()
    {
        await MailSender.SendAsync(_server.Port, Bank, Phone, Subject, "こちら https://otp.example.jp/app/download?bank=kyoei&x=1からダウンロードしてください。\n");

        Assert.That(_server.MailboxFor(Phone).Messages.Single().Urls,
            Is.EqualTo(new[] { new Uri("https://otp.example.jp/app/download?bank=kyoei&x=1") }));
    }

    [Test]
    public async Task The_senders_japanese_display_name_is_decoded_from_an_iso_2022_jp_header()
    {
        var message = MailSender.Compose(Bank, Phone, Subject, Body, "iso-2022-jp");
        message.From.Clear();
        message.From.Add(new MimeKit.MailboxAddress(System.Text.Encoding.GetEncoding("iso-2022-jp"), "秋田県信用組合", Bank));

        await MailSender.SendAsync(_server.Port, message);

        var mail = _server.MailboxFor(Phone).Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(mail.FromName, Is.EqualTo("秋田県信用組合"));
            Assert.That(mail.From, Is.EqualTo(Bank));
        });
    }

    [Test]
    public void A_cancelled_wait_ends_cancelled_and_a_later_deadline_does_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        var waiting = _server.MailboxFor(Phone).WaitForMailAsync(new MailQuery(Bank), TimeSpan.FromMinutes(1), cancellationToken: cancellation.Token);

        cancellation.Cancel();
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.That(waiting.IsCanceled, Is.True);
    }

    // The manuals' own text: full-width tilde, circled digits and 「」 must survive the 7-bit encoding.
    [TestCase("utf-8")]
    [TestCase("iso-2022-jp")]
    public async Task Manual_style_text_survives_both_encodings(string charset)
    {
        const string body = "受付時間：平日9:00～17:00\n① 「メール通知パスワード」を5回誤入力された場合は強制ログアウトとなります。\n";

        await MailSender.SendAsync(_server.Port, Bank, Phone, "【重要】お知らせ～ご確認ください", body, charset);

        var mail = _server.MailboxFor(Phone).Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(mail.Subject, Is.EqualTo("【重要】お知らせ～ご確認ください"));
            Assert.That(mail.Body, Is.EqualTo(body));
            Assert.That(mail.Value("受付時間"), Is.EqualTo("平日9:00～17:00"));
        });
    }
}
