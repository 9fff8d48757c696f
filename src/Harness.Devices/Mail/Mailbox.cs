namespace Harness.Devices.Mail;

/// <summary>What a mail search looks for: a sender address (exact, case ignored) and/or a subject fragment.</summary>
public sealed record MailQuery(string? From = null, string? SubjectContains = null)
{
    public bool Matches(ReceivedMail mail) =>
        (From is null || string.Equals(mail.From, From, StringComparison.OrdinalIgnoreCase)) &&
        (SubjectContains is null || mail.Subject.Contains(SubjectContains, StringComparison.Ordinal));

    public override string ToString() => $"from={From ?? "*"}, subject contains={SubjectContains ?? "*"}";
}

/// <summary>The mail of one address, in arrival order.</summary>
public sealed class Mailbox : IMailSource
{
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private readonly List<ReceivedMail> _messages = [];
    private readonly List<Waiter> _waiters = [];

    internal Mailbox(string address, TimeProvider clock)
    {
        Address = address;
        _clock = clock;
    }

    public string Address { get; }

    public IReadOnlyList<ReceivedMail> Messages
    {
        get { lock (_gate) return [.. _messages]; }
    }

    /// <summary>How many mails have arrived; pass it as <c>after</c> to wait only for newer mail.</summary>
    public int Count
    {
        get { lock (_gate) return _messages.Count; }
    }

    public IReadOnlyList<ReceivedMail> Search(MailQuery query)
    {
        lock (_gate) return [.. _messages.Where(query.Matches)];
    }

    /// <summary>
    /// Completes with the first matching mail at position <paramref name="after"/> or later (already
    /// arrived or yet to come), or fails with <see cref="MailNotReceivedException"/> once the shared
    /// clock passes now + <paramref name="within"/>. Virtual time: nothing here waits on the wall clock.
    /// </summary>
    public Task<ReceivedMail> WaitForMailAsync(MailQuery query, TimeSpan within, int after = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(within, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        lock (_gate)
        {
            var arrived = _messages.Skip(after).FirstOrDefault(query.Matches);
            if (arrived is not null)
                return Task.FromResult(arrived);

            var waiter = new Waiter(query, after, _clock.GetUtcNow() + within);
            _waiters.Add(waiter);
            waiter.Timer = _clock.CreateTimer(_ => Expire(waiter, within), null, within, Timeout.InfiniteTimeSpan);
            if (cancellationToken.CanBeCanceled)
                waiter.Cancellation = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
            return waiter.Completion.Task;
        }
    }

    internal void Deliver(ReceivedMail mail)
    {
        List<Waiter> satisfied;
        lock (_gate)
        {
            _messages.Add(mail);
            var position = _messages.Count - 1;
            satisfied = [.. _waiters.Where(w => position >= w.After && w.Query.Matches(mail))];
            foreach (var waiter in satisfied)
                _waiters.Remove(waiter);
        }
        foreach (var waiter in satisfied)
        {
            waiter.Release();
            waiter.Completion.TrySetResult(mail);
        }
    }

    private void Expire(Waiter waiter, TimeSpan within)
    {
        string held;
        lock (_gate)
        {
            if (!_waiters.Remove(waiter))
                return;
            held = string.Join(" | ", _messages.Select(m => $"{m.From}: {m.Subject}"));
        }
        waiter.Release();
        waiter.Completion.TrySetException(new MailNotReceivedException(
            $"No mail to {Address} matching ({waiter.Query}) arrived by {waiter.Deadline:O} (within {within} of virtual time). " +
            $"The mailbox holds: [{held}]"));
    }

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (!_waiters.Remove(waiter))
                return;
        }
        waiter.Release();
        waiter.Completion.TrySetCanceled(token);
    }

    private sealed class Waiter(MailQuery query, int after, DateTimeOffset deadline)
    {
        public MailQuery Query { get; } = query;
        public int After { get; } = after;
        public DateTimeOffset Deadline { get; } = deadline;
        public TaskCompletionSource<ReceivedMail> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ITimer? Timer { get; set; }
        public CancellationTokenRegistration Cancellation { get; set; }

        public void Release()
        {
            Timer?.Dispose();
            Cancellation.Dispose();
        }
    }
}

/// <summary>The awaited mail did not arrive before the virtual deadline.</summary>
public sealed class MailNotReceivedException(string message) : TimeoutException(message);
