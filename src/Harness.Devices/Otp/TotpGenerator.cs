using OtpNet;

namespace Harness.Devices.Otp;

/// <summary>
/// RFC 6238 time-based codes, computed by Otp.NET. The caller passes the instant (read from the
/// device's <see cref="TimeProvider"/>), so the generator itself never reads a clock.
/// </summary>
public sealed class TotpGenerator
{
    private readonly Totp _totp;
    private readonly long _stepSeconds;

    public TotpGenerator(ReadOnlySpan<byte> seed, int digits, TimeSpan step, OtpHash hash = OtpHash.Sha1)
    {
        OtpDigits.Validate(digits);
        if (seed.IsEmpty) throw new ArgumentException("An OTP seed cannot be empty.", nameof(seed));
        if (step <= TimeSpan.Zero || step.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, "A TOTP step is a positive whole number of seconds.");
        _stepSeconds = (long)step.TotalSeconds;
        Digits = digits;
        Step = step;
        Hash = hash;
        _totp = new Totp(seed.ToArray(), (int)_stepSeconds, hash.ToOtpNet(), digits);
    }

    public int Digits { get; }
    public TimeSpan Step { get; }
    public OtpHash Hash { get; }

    /// <summary>The RFC 6238 T: whole steps since the Unix epoch.</summary>
    public long StepAt(DateTimeOffset instant)
    {
        var seconds = instant.ToUnixTimeSeconds();
        if (seconds < 0) throw new ArgumentOutOfRangeException(nameof(instant), instant, "TOTP starts at the Unix epoch.");
        return seconds / _stepSeconds;
    }

    public string CodeAt(DateTimeOffset instant) => _totp.ComputeTotp(instant.UtcDateTime);

    public string CodeForStep(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return _totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * _stepSeconds).UtcDateTime);
    }

    /// <summary>How long the code shown at <paramref name="instant"/> stays on screen.</summary>
    public TimeSpan RemainingAt(DateTimeOffset instant) =>
        TimeSpan.FromSeconds((StepAt(instant) + 1) * _stepSeconds) - (instant - DateTimeOffset.UnixEpoch);
}
