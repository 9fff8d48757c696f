using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Harness.Devices.Mail;

public sealed record MailServerOptions
{
    /// <summary>0 = any free loopback port; the server binds 127.0.0.1 only.</summary>
    public int Port { get; init; }
    public string HostName { get; init; } = "harness.mail.localhost";
    public int MaxMessageBytes { get; init; } = 1024 * 1024;
    public int MaxRecipients { get; init; } = 100;
    /// <summary>A client that keeps sending garbage is answered 421 and disconnected after this many errors.</summary>
    public int MaxErrorsPerConnection { get; init; } = 10;
}

/// <summary>
/// The harness's mail server: an SMTP receiver on a loopback port that the bank sends to
/// (CONTRACTS.md §4), and a <see cref="Mailbox"/> per recipient address. Arrival times come from the
/// shared clock.
/// </summary>
public sealed class MailServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly TimeProvider _clock;
    private readonly MailServerOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Mailbox> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Task, TcpClient> _sessions = new();
    private readonly Task _acceptLoop;

    // Japanese banks send ISO-2022-JP, which .NET provides only through the code-pages provider.
    static MailServer() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    private MailServer(TimeProvider clock, MailServerOptions options)
    {
        _clock = clock;
        _options = options;
        _listener = new TcpListener(IPAddress.Loopback, options.Port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public static MailServer Start(TimeProvider clock, MailServerOptions? options = null) =>
        new(clock, options ?? new MailServerOptions());

    private volatile bool _outage;

    /// <summary>Plays an outage until <see cref="EndOutage"/>: every connection is greeted with
    /// <c>421 Service not available</c> and closed (RFC 5321 §3.8), so nothing is delivered.</summary>
    public void InjectOutage() => _outage = true;

    public void EndOutage() => _outage = false;

    public string Host => "127.0.0.1";
    public int Port { get; }

    /// <summary>The mailbox of an address (created empty on first use; address case is ignored).</summary>
    public Mailbox MailboxFor(string address) => _mailboxes.GetOrAdd(address, a => new Mailbox(a, _clock));

    public IReadOnlyCollection<Mailbox> Mailboxes => [.. _mailboxes.Values];

    internal void Deliver(MailEnvelope envelope, byte[] raw)
    {
        var arrivedAt = _clock.GetUtcNow();
        foreach (var recipient in envelope.Recipients.Distinct(StringComparer.OrdinalIgnoreCase))
            MailboxFor(recipient).Deliver(ReceivedMail.Parse(raw, envelope, arrivedAt));
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            var session = RunSessionAsync(client);
            _sessions.TryAdd(session, client);
            _ = session.ContinueWith(t => _sessions.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task RunSessionAsync(TcpClient client)
    {
        await Task.Yield();
        using (client)
        {
            try
            {
                if (_outage)
                {
                    var refusal = System.Text.Encoding.ASCII.GetBytes($"421 4.3.2 {_options.HostName} Service not available, closing transmission channel\r\n");
                    await client.GetStream().WriteAsync(refusal, _stopping.Token).ConfigureAwait(false);
                    return;
                }

                await new SmtpSession(client.GetStream(), _options, Deliver).RunAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The client went away or the server is stopping: the half-received message is dropped.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var client in _sessions.Values)
            client.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_sessions.Keys).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
