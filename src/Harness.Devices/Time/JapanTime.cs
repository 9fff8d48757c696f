using System.Globalization;

namespace Harness.Devices;

/// <summary>Japan Standard Time (UTC+9, no daylight saving) and the date formats the manuals show.</summary>
public static class JapanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static readonly TimeZoneInfo Zone =
        TimeZoneInfo.CreateCustomTimeZone("Japan Standard Time (harness)", Offset, "日本標準時", "日本標準時");

    public static DateTimeOffset ToJapan(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>e.g. 2020/10/31 09:00 (日本時間), as the Aomori app shows 有効期限.</summary>
    public static string FormatDateTime(DateTimeOffset instant) =>
        ToJapan(instant).ToString("yyyy/MM/dd HH:mm", CultureInfo.InvariantCulture) + " (日本時間)";

    /// <summary>e.g. 2015/08/26, as the Aomori app shows 利用開始日.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
}
