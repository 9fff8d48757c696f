using OtpNet;

namespace Harness.Devices.Otp;

/// <summary>The HMAC hash of an OTP token (RFC 4226 uses SHA-1; RFC 6238 adds SHA-256 and SHA-512).</summary>
public enum OtpHash
{
    Sha1,
    Sha256,
    Sha512,
}

public static class OtpHashNames
{
    /// <summary>Reads the names the contracts use ("SHA1", "SHA256", "SHA512").</summary>
    public static OtpHash Parse(string name) => name.ToUpperInvariant() switch
    {
        "SHA1" or "SHA-1" => OtpHash.Sha1,
        "SHA256" or "SHA-256" => OtpHash.Sha256,
        "SHA512" or "SHA-512" => OtpHash.Sha512,
        _ => throw new FormatException($"Unknown OTP hash '{name}'."),
    };

    internal static OtpHashMode ToOtpNet(this OtpHash hash) => hash switch
    {
        OtpHash.Sha1 => OtpHashMode.Sha1,
        OtpHash.Sha256 => OtpHashMode.Sha256,
        OtpHash.Sha512 => OtpHashMode.Sha512,
        _ => throw new ArgumentOutOfRangeException(nameof(hash), hash, null),
    };
}
