namespace Harness.Bank.Common;

/// <summary>Banking days and shown times are Japan time (UTC+9, no daylight saving).</summary>
public static class JapanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateTimeOffset ToJst(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateTimeOffset StartOfDay(DateTimeOffset instant)
    {
        var jst = ToJst(instant);
        return new DateTimeOffset(jst.Year, jst.Month, jst.Day, 0, 0, 0, Offset);
    }
}
