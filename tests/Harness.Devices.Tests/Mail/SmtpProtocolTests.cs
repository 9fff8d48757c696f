using System.Net.Sockets;
using System.Text;
using Harness.Devices.Mail;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Devices.Tests.Mail;

/// <summary>The hand-written receiver's answers to a raw client, garbage included.</summary>
public sealed class SmtpProtocolTests
{
    private MailServer _server = null!;
    private TcpClient _tcp = null!;
    private StreamReader _reader = null!;
    private Stream _stream = null!;

    [SetUp]
    public async Task Connect()
    {
        _server = MailServer.Start(new FakeTimeProvider(), new MailServerOptions { MaxMessageBytes = 2000, MaxErrorsPerConnection = 5 });
        _tcp = new TcpClient();
        await _tcp.ConnectAsync("127.0.0.1", _server.Port);
        _stream = _tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.ASCII);
        Assert.That(await ReplyAsync(), Does.StartWith("220 "));
    }

    [TearDown]
    public async Task Disconnect()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _tcp.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task A_full_conversation_with_rset_and_quit()
    {
        Assert.That(await SendAsync("EHLO bank.localhost"), Is.EqualTo("250-harness.mail.localhost greets bank.localhost\n250-8BITMIME\n250-ENHANCEDSTATUSCODES\n250 SIZE 2000"));
        Assert.That(await SendAsync("MAIL FROM:<a@bank.example> BODY=8BITMIME"), Is.EqualTo("250 2.1.0 Sender OK"));
        Assert.That(await SendAsync("RCPT TO:<x@phone.example>"), Is.EqualTo("250 2.1.5 Recipient OK"));
        Assert.That(await SendAsync("RSET"), Is.EqualTo("250 2.0.0 OK"));
        Assert.That(await SendAsync("DATA"), Is.EqualTo("503 5.5.1 Need RCPT before DATA"), "RSET dropped the transaction");
        Assert.That(await SendAsync("MAIL FROM:<a@bank.example>"), Is.EqualTo("250 2.1.0 Sender OK"));
        Assert.That(await SendAsync("RCPT TO:<y@phone.example>"), Is.EqualTo("250 2.1.5 Recipient OK"));
        Assert.That(await SendAsync("DATA"), Is.EqualTo("354 End data with <CR><LF>.<CR><LF>"));
        // A lone ".." is a stuffed ".", not the end of the data.
        Assert.That(await SendAsync("Subject: raw\r\n\r\n..one dot\r\n..\r\n."), Is.EqualTo("250 2.0.0 OK: message delivered"));
        Assert.That(await SendAsync("NOOP"), Is.EqualTo("250 2.0.0 OK"));
        Assert.That(await SendAsync("QUIT"), Is.EqualTo("221 2.0.0 Bye"));
        Assert.That(await _reader.ReadLineAsync(), Is.Null, "the server closes after QUIT");

        Assert.Multiple(() =>
        {
            Assert.That(_server.MailboxFor("x@phone.example").Count, Is.EqualTo(0));
            Assert.That(_server.MailboxFor("y@phone.example").Messages.Single().Body, Is.EqualTo(".one dot\n.\n"));
        });
    }

    [TestCase("FOO", "500 5.5.2 Syntax error, command unrecognized")]
    [TestCase("", "500 5.5.2 Syntax error, command unrecognized")]
    [TestCase("EHLO", "501 5.5.4 Syntax: EHLO hostname")]
    [TestCase("MAIL FROM:<a@b.example>", "503 5.5.1 Send EHLO or HELO first")]
    [TestCase("RCPT TO:<a@b.example>", "503 5.5.1 Need MAIL before RCPT")]
    [TestCase("DATA", "503 5.5.1 Need RCPT before DATA")]
    [TestCase("STARTTLS", "502 5.5.1 Command not implemented")]
    [TestCase("AUTH PLAIN AGFiYwBkZWY=", "502 5.5.1 Command not implemented")]
    [TestCase("RSET now", "501 5.5.4 Syntax: RSET")]
    public async Task Garbage_and_out_of_order_commands_get_5xx(string command, string expected)
    {
        Assert.That(await SendAsync(command), Is.EqualTo(expected));
        Assert.That(await SendAsync("NOOP"), Is.EqualTo("250 2.0.0 OK"), "the session survives");
    }

    [Test]
    public async Task Malformed_paths_and_parameters_get_5xx()
    {
        await SendAsync("HELO bank.localhost");
        Assert.That(await SendAsync("MAIL FROM:a@b.example"), Is.EqualTo("501 5.5.4 Syntax: MAIL FROM:<address>"));
        Assert.That(await SendAsync("MAIL FROM:<a@b.example> SMTPUTF8"), Is.EqualTo("555 5.5.4 Unsupported parameter SMTPUTF8"));
        Assert.That(await SendAsync("MAIL FROM:<a@b.example> SIZE=2001"), Is.EqualTo("552 5.3.4 Message size exceeds fixed maximum message size"));
        Assert.That(await SendAsync("MAIL FROM:<>"), Is.EqualTo("250 2.1.0 Sender OK"), "the null sender of bounces is allowed");
        Assert.That(await SendAsync("MAIL FROM:<a@b.example>"), Is.EqualTo("503 5.5.1 Nested MAIL command"));
        Assert.That(await SendAsync("RCPT TO:<nobody>"), Is.EqualTo("501 5.5.4 Syntax: RCPT TO:<address>"));
    }

    [Test]
    public async Task An_over_long_command_line_is_refused_without_being_buffered()
    {
        Assert.That(await SendAsync("NOOP " + new string('x', 600)), Is.EqualTo("500 5.5.2 Line too long"));
        Assert.That(await SendAsync("NOOP " + new string('x', 505)), Is.EqualTo("250 2.0.0 OK"), "510 octets plus CRLF is the limit");
    }

    [Test]
    public async Task Non_ascii_bytes_in_a_command_are_refused()
    {
        Assert.That(await SendAsync("ＥＨＬＯ bank"), Is.EqualTo("500 5.5.2 Syntax error, command unrecognized"));
    }

    [Test]
    public async Task An_over_long_text_line_or_an_oversized_message_is_refused_and_not_delivered()
    {
        await StartDataAsync();
        Assert.That(await SendAsync("Subject: long\r\n\r\n" + new string('y', 1200) + "\r\n."), Is.EqualTo("500 5.5.2 Line too long"));

        await StartDataAsync();
        var big = string.Join("\r\n", Enumerable.Repeat(new string('z', 100), 30));
        Assert.That(await SendAsync("Subject: big\r\n\r\n" + big + "\r\n."), Is.EqualTo("552 5.3.4 Message size exceeds fixed maximum message size"));

        Assert.That(_server.MailboxFor("x@phone.example").Count, Is.EqualTo(0));
    }

    [Test]
    public async Task A_client_that_only_sends_garbage_is_disconnected_with_421()
    {
        for (var i = 0; i < 4; i++)
            Assert.That(await SendAsync("GARBAGE"), Does.StartWith("500 "));

        Assert.That(await SendAsync("GARBAGE"), Is.EqualTo("500 5.5.2 Syntax error, command unrecognized"));
        Assert.That(await ReplyAsync(), Is.EqualTo("421 4.7.0 Too many errors, closing connection"));
        Assert.That(await _reader.ReadLineAsync(), Is.Null);
    }

    private async Task StartDataAsync()
    {
        await SendAsync("HELO bank.localhost");
        await SendAsync("MAIL FROM:<a@bank.example>");
        await SendAsync("RCPT TO:<x@phone.example>");
        Assert.That(await SendAsync("DATA"), Does.StartWith("354 "));
    }

    /// <summary>Sends one line and reads one reply.</summary>
    private async Task<string> SendAsync(string line)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"));
        return await ReplyAsync();
    }

    /// <summary>Reads one reply, all lines of a multi-line one joined by \n.</summary>
    private async Task<string> ReplyAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            var reply = await _reader.ReadLineAsync() ?? throw new IOException("closed after: " + string.Join("\n", lines));
            lines.Add(reply);
            if (reply.Length < 4 || reply[3] != '-')
                return string.Join("\n", lines);
        }
    }
}
