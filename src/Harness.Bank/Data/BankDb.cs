using Harness.Bank.Audit;
using Harness.Bank.Customers;
using Harness.Bank.Tokens;
using Harness.Bank.Transfers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Harness.Bank.Data;

/// <summary>All bank state. SQLite by default; the same model runs on PostgreSQL.</summary>
public sealed class BankDb(DbContextOptions<BankDb> options, WriteGate writeGate) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Payee> Payees => Set<Payee>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Token> Tokens => Set<Token>();
    public DbSet<StockKeyfob> Keyfobs => Set<StockKeyfob>();
    public DbSet<Transfer> Transfers => Set<Transfer>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare DateTimeOffset columns; stored as sortable binary (all values are UTC).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Customer>(e =>
        {
            e.HasIndex(c => c.LoginId).IsUnique();
            e.Property(c => c.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<Payee>().HasIndex(p => p.CustomerId);
        modelBuilder.Entity<Session>(e =>
        {
            e.HasKey(s => s.IdHash);
            e.HasIndex(s => s.CustomerId);
        });
        modelBuilder.Entity<Token>(e =>
        {
            e.HasIndex(t => t.CustomerId);
            e.HasIndex(t => new { t.ServiceId, t.UserId });
            e.HasIndex(t => t.SerialNo);
            e.Property(t => t.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<StockKeyfob>().HasKey(k => k.SerialNo);
        modelBuilder.Entity<Transfer>().HasIndex(t => new { t.CustomerId, t.At });
        modelBuilder.Entity<AuditEntry>().HasIndex(a => a.LoginId);
    }

    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        // Optimistic concurrency: a row changed by someone else since it was read fails the save.
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified)
            {
                switch (entry.Entity)
                {
                    case Customer c: c.Touch(); break;
                    case Token t: t.Touch(); break;
                }
            }
        }
        using var _ = await writeGate.EnterAsync(cancellationToken);
        return await base.SaveChangesAsync(cancellationToken);
    }
}
