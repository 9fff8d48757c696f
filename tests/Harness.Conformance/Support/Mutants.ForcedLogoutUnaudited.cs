using Harness.Bank.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Harness.Conformance.Support;

/// <summary>Mutant <c>forced-logout-unaudited</c> (X-05): the bank forces the customer out after the last wrong メール通知パスワード
/// but never writes that 強制ログアウト to the audit log — the 行員 cannot see why the customer was thrown out. A decorator of
/// the bank's unit of work: the audit entry is dropped just before it is saved; everything else is saved as the bank meant.</summary>
public sealed class ForcedLogoutUnaudited : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Drop(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Drop(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.Result == "強制ログアウト").ToList())
        {
            entry.State = EntityState.Detached;
        }
    }
}
