namespace Harness.Bank.Tokens;

/// <summary>A keyfob delivered by the vendor (PSKC), kept in stock until the 窓口 posts it.</summary>
public sealed class StockKeyfob
{
    private StockKeyfob() { }

    public string SerialNo { get; private set; } = "";
    public string Manufacturer { get; private set; } = "";
    public byte[] Secret { get; private set; } = [];
    public DateTimeOffset ExpiresAt { get; private set; }
    public int Digits { get; private set; }
    public int PeriodSeconds { get; private set; }
    public int? PostedToCustomerId { get; private set; }

    public static StockKeyfob Receive(string serialNo, string manufacturer, byte[] secret, DateTimeOffset expiresAt, int digits, int periodSeconds) => new()
    {
        SerialNo = serialNo,
        Manufacturer = manufacturer,
        Secret = secret,
        ExpiresAt = expiresAt,
        Digits = digits,
        PeriodSeconds = periodSeconds,
    };

    public void PostTo(int customerId)
    {
        if (PostedToCustomerId is not null)
        {
            throw new InvalidOperationException("keyfob already posted");
        }
        PostedToCustomerId = customerId;
    }
}
