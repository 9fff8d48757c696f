using System.Collections.Concurrent;

namespace Harness.Bank.Screens;

/// <summary>
/// What the customer entered on ソフトウェアトークン発行情報入力, kept on the server between the input and the
/// 確定 of the confirmation screen, so the 利用開始パスワード never goes back to the browser in a hidden field.
/// One record per session, used once, gone after <see cref="Lifetime"/> (on the bank's clock) or a restart.
/// </summary>
public sealed class PendingSoftIssues(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public sealed record Pending(string MailAddress, string ActivationPassword);

    private sealed record Entry(Pending Pending, DateTimeOffset Expires);

    /// <summary>Replaces any earlier record of this session; drops every expired one.</summary>
    public void Put(string sessionIdHash, Pending pending)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            if (entry.Expires <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }
        _entries[sessionIdHash] = new Entry(pending, now + Lifetime);
    }

    /// <summary>The session's record, removed; null when there is none or it has expired.</summary>
    public Pending? Take(string sessionIdHash) =>
        _entries.TryRemove(sessionIdHash, out var entry) && entry.Expires > clock.GetUtcNow() ? entry.Pending : null;
}
