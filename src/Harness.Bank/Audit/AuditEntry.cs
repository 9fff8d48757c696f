namespace Harness.Bank.Audit;

/// <summary>One security event. Never holds a seed, a password or a code.</summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string? LoginId { get; private set; }
    public string Event { get; private set; } = "";
    public string Result { get; private set; } = "";

    public static AuditEntry Of(DateTimeOffset at, string actor, string? loginId, string @event, string result) => new()
    {
        At = at,
        Actor = actor,
        LoginId = loginId,
        Event = @event,
        Result = result,
    };
}
