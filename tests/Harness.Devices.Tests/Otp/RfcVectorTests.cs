using System.Text;
using Harness.Devices.Otp;

namespace Harness.Devices.Tests.Otp;

/// <summary>X-01: every generator equals the RFC 4226 / RFC 6238 published vectors.</summary>
public sealed class RfcVectorTests
{
    // RFC 6238 Appendix A reference code: each hash gets a seed of its own output length.
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    [TestCase(0L, "755224")]
    [TestCase(1L, "287082")]
    [TestCase(2L, "359152")]
    [TestCase(3L, "969429")]
    [TestCase(4L, "338314")]
    [TestCase(5L, "254676")]
    [TestCase(6L, "287922")]
    [TestCase(7L, "162583")]
    [TestCase(8L, "399871")]
    [TestCase(9L, "520489")]
    public void Hotp_matches_rfc4226_appendix_d(long counter, string expected)
    {
        var hotp = new HotpGenerator(Sha1Seed, digits: 6);

        Assert.That(hotp.CodeAt(counter), Is.EqualTo(expected));
    }

    [TestCase(59L, OtpHash.Sha1, "94287082")]
    [TestCase(59L, OtpHash.Sha256, "46119246")]
    [TestCase(59L, OtpHash.Sha512, "90693936")]
    [TestCase(1111111109L, OtpHash.Sha1, "07081804")]
    [TestCase(1111111109L, OtpHash.Sha256, "68084774")]
    [TestCase(1111111109L, OtpHash.Sha512, "25091201")]
    [TestCase(1111111111L, OtpHash.Sha1, "14050471")]
    [TestCase(1111111111L, OtpHash.Sha256, "67062674")]
    [TestCase(1111111111L, OtpHash.Sha512, "99943326")]
    [TestCase(1234567890L, OtpHash.Sha1, "89005924")]
    [TestCase(1234567890L, OtpHash.Sha256, "91819424")]
    [TestCase(1234567890L, OtpHash.Sha512, "93441116")]
    [TestCase(2000000000L, OtpHash.Sha1, "69279037")]
    [TestCase(2000000000L, OtpHash.Sha256, "90698825")]
    [TestCase(2000000000L, OtpHash.Sha512, "38618901")]
    [TestCase(20000000000L, OtpHash.Sha1, "65353130")]
    [TestCase(20000000000L, OtpHash.Sha256, "77737706")]
    [TestCase(20000000000L, OtpHash.Sha512, "47863826")]
    public void Totp_matches_rfc6238_appendix_b(long unixSeconds, OtpHash hash, string expected)
    {
        var totp = new TotpGenerator(SeedFor(hash), digits: 8, TimeSpan.FromSeconds(30), hash);

        Assert.That(totp.CodeAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)), Is.EqualTo(expected));
    }

    [Test]
    public void The_t_20000000000_row_is_step_0x27BC86AA()
    {
        var totp = new TotpGenerator(Sha1Seed, digits: 8, TimeSpan.FromSeconds(30));

        Assert.That(totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(20000000000L)), Is.EqualTo(0x27BC86AAL));
    }

    // The HOTP values of counters 0, 1 and 2 (RFC 4226 Appendix D) are the TOTP codes of steps 0, 1, 2.
    [TestCase(0L, 0L, "755224")]
    [TestCase(29L, 0L, "755224")]
    [TestCase(30L, 1L, "287082")]
    [TestCase(59L, 1L, "287082")]
    [TestCase(60L, 2L, "359152")]
    public void Thirty_second_steps_change_exactly_on_the_edge(long unixSeconds, long step, string expected)
    {
        var totp = new TotpGenerator(Sha1Seed, digits: 6, TimeSpan.FromSeconds(30));
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Multiple(() =>
        {
            Assert.That(totp.StepAt(at), Is.EqualTo(step));
            Assert.That(totp.CodeAt(at), Is.EqualTo(expected));
            Assert.That(totp.CodeForStep(step), Is.EqualTo(expected));
        });
    }

    [TestCase(0L, 0L, "84755224")]
    [TestCase(29L, 0L, "84755224")]
    [TestCase(30L, 0L, "84755224")]
    [TestCase(59L, 0L, "84755224")]
    [TestCase(60L, 1L, "94287082")]
    [TestCase(119L, 1L, "94287082")]
    [TestCase(120L, 2L, "37359152")]
    public void Sixty_second_steps_change_exactly_on_the_edge(long unixSeconds, long step, string expected)
    {
        var totp = new TotpGenerator(Sha1Seed, digits: 8, TimeSpan.FromSeconds(60));
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Multiple(() =>
        {
            Assert.That(totp.StepAt(at), Is.EqualTo(step));
            Assert.That(totp.CodeAt(at), Is.EqualTo(expected));
        });
    }

    [TestCase(0L, 60)]
    [TestCase(59L, 1)]
    [TestCase(60L, 60)]
    public void Remaining_time_counts_down_to_the_next_step(long unixSeconds, int remainingSeconds)
    {
        var totp = new TotpGenerator(Sha1Seed, digits: 8, TimeSpan.FromSeconds(60));

        Assert.That(totp.RemainingAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)), Is.EqualTo(TimeSpan.FromSeconds(remainingSeconds)));
    }

    [TestCase(5)]
    [TestCase(9)]
    public void Digits_outside_6_to_8_are_refused(int digits)
    {
        Assert.That(() => new TotpGenerator(Sha1Seed, digits, TimeSpan.FromSeconds(30)), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    private static byte[] SeedFor(OtpHash hash) => hash switch
    {
        OtpHash.Sha1 => Sha1Seed,
        OtpHash.Sha256 => Sha256Seed,
        _ => Sha512Seed,
    };
}
