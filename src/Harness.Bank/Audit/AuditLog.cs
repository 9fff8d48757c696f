using Harness.Bank.Data;

namespace Harness.Bank.Audit;

/// <summary>Adds security events to the same unit of work as the change they describe.</summary>
public sealed class AuditLog(BankDb db, TimeProvider clock)
{
    public void Record(string actor, string? loginId, string @event, string result) =>
        db.Audit.Add(AuditEntry.Of(clock.GetUtcNow(), actor, loginId, @event, result));
}
