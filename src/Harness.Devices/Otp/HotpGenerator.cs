using OtpNet;

namespace Harness.Devices.Otp;

/// <summary>RFC 4226 counter-based codes, computed by Otp.NET.</summary>
public sealed class HotpGenerator
{
    private readonly Hotp _hotp;

    public HotpGenerator(ReadOnlySpan<byte> seed, int digits = 6, OtpHash hash = OtpHash.Sha1)
    {
        OtpDigits.Validate(digits);
        if (seed.IsEmpty) throw new ArgumentException("An OTP seed cannot be empty.", nameof(seed));
        Digits = digits;
        _hotp = new Hotp(seed.ToArray(), hash.ToOtpNet(), digits);
    }

    public int Digits { get; }

    public string CodeAt(long counter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(counter);
        return _hotp.ComputeHOTP(counter);
    }
}

internal static class OtpDigits
{
    public static void Validate(int digits)
    {
        if (digits is < 6 or > 8)
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "OTP codes have 6 to 8 digits (RFC 4226).");
    }
}
