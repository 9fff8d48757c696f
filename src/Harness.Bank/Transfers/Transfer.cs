namespace Harness.Bank.Transfers;

public sealed class Transfer
{
    private Transfer() { }

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public Customers.PayeeKind? PayeeKind { get; private set; }
    public string PayeeDescription { get; private set; } = "";
    public long AmountYen { get; private set; }
    public DateTimeOffset At { get; private set; }

    public static Transfer Record(int customerId, Customers.PayeeKind? payeeKind, string payeeDescription, long amountYen, DateTimeOffset at) => new()
    {
        CustomerId = customerId,
        PayeeKind = payeeKind,
        PayeeDescription = payeeDescription,
        AmountYen = amountYen,
        At = at,
    };
}
