namespace Harness.Devices;

/// <summary>
/// A device's own clock over the shared harness clock: it can run N seconds off (skew) and sit in a
/// time zone other than Japan's. Timers and timestamps stay those of the shared clock, so advancing
/// the harness's FakeTimeProvider drives every device.
/// </summary>
public sealed class DeviceClock(TimeProvider shared) : TimeProvider
{
    private TimeZoneInfo _zone = JapanTime.Zone;

    /// <summary>How far the device's UTC reading is ahead of (positive) or behind the true time.</summary>
    public TimeSpan Skew { get; private set; }

    public override TimeZoneInfo LocalTimeZone => _zone;

    public override DateTimeOffset GetUtcNow() => shared.GetUtcNow() + Skew;

    public override long GetTimestamp() => shared.GetTimestamp();

    public override long TimestampFrequency => shared.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        shared.CreateTimer(callback, state, dueTime, period);

    /// <summary>The customer's clock runs <paramref name="skew"/> off (e.g. +90 s fast, -45 s slow).</summary>
    public void SetSkew(TimeSpan skew) => Skew = skew;

    /// <summary>A network-synchronised phone moved to another zone: the instant stays right, only local display changes.</summary>
    public void SetTimeZone(TimeZoneInfo zone) => _zone = zone;

    /// <summary>
    /// The mistake the Aomori manual warns about (AOM-10): the phone's zone is <paramref name="zone"/>
    /// but the customer typed Japan's wall-clock time, so the phone's instant is off by
    /// (UTC+9 − the zone's offset).
    /// </summary>
    public void SetWallClockToJapanTimeIn(TimeZoneInfo zone)
    {
        _zone = zone;
        Skew = JapanTime.Offset - zone.GetUtcOffset(shared.GetUtcNow());
    }

    /// <summary>Back to Japan time, no skew.</summary>
    public void SetToJapanTime()
    {
        _zone = JapanTime.Zone;
        Skew = TimeSpan.Zero;
    }
}
