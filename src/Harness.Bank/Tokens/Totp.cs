using System.Security.Cryptography;
using System.Text;
using Harness.Bank.Profiles;
using OtpNet;

namespace Harness.Bank.Tokens;

/// <summary>RFC 6238 codes through Otp.NET, with the profile's digits, period and hash.</summary>
public static class TotpMath
{
    public static long StepAt(DateTimeOffset instant, int periodSeconds) =>
        instant.ToUnixTimeSeconds() / periodSeconds;

    public static string CodeForStep(byte[] secret, TotpParameters p, long step)
    {
        var totp = new OtpNet.Totp(secret, p.PeriodSeconds, ModeOf(p.Hash), p.Digits);
        return totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * p.PeriodSeconds).UtcDateTime);
    }

    /// <summary>
    /// The step whose code equals <paramref name="code"/> inside the window [now - back, now + forward],
    /// comparing every candidate in constant time and without stopping early.
    /// </summary>
    public static long? MatchingStep(byte[] secret, TotpParameters p, string code, DateTimeOffset now)
    {
        var current = StepAt(now, p.PeriodSeconds);
        var offered = Encoding.ASCII.GetBytes(code);
        long? matched = null;
        for (var step = current - p.SkewStepsBack; step <= current + p.SkewStepsForward; step++)
        {
            var expected = Encoding.ASCII.GetBytes(CodeForStep(secret, p, step));
            if (CryptographicOperations.FixedTimeEquals(expected, offered) && matched is null)
            {
                matched = step;
            }
        }
        return matched;
    }

    public static OtpHashMode ModeOf(string hash) => hash.ToUpperInvariant() switch
    {
        "SHA1" => OtpHashMode.Sha1,
        "SHA256" => OtpHashMode.Sha256,
        "SHA512" => OtpHashMode.Sha512,
        _ => throw new ArgumentException($"unsupported hash {hash}", nameof(hash)),
    };
}
