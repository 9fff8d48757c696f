using System.Text.RegularExpressions;
using Harness.Devices.Otp;

namespace Harness.Devices.Vendor;

/// <summary>VIP Access desktop (<c>VSST</c>) or mobile (<c>VSMT</c>) credential.</summary>
public enum VipCredentialKind
{
    Desktop,
    Mobile,
}

/// <summary>
/// A VIP Access credential: the クレデンシャルID the customer types at the bank and the seed that
/// only the app and the vendor hold (the bank never does, CONTRACTS.md §3). 6 digits every 30 s.
/// </summary>
public sealed partial class VipCredential
{
    public const int Digits = 6;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    private readonly byte[] _seed;

    internal VipCredential(string id, ReadOnlySpan<byte> seed)
    {
        if (!IsValidId(id))
            throw new FormatException($"A VIP credential id is VSST or VSMT and 8 digits, not '{id}'.");
        Id = id;
        _seed = seed.ToArray();
        Generator = new TotpGenerator(_seed, Digits, Step, OtpHash.Sha1);
    }

    public string Id { get; }
    public VipCredentialKind Kind => Id.StartsWith("VSST", StringComparison.Ordinal) ? VipCredentialKind.Desktop : VipCredentialKind.Mobile;

    internal TotpGenerator Generator { get; }

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    internal static string Prefix(VipCredentialKind kind) => kind == VipCredentialKind.Desktop ? "VSST" : "VSMT";

    [GeneratedRegex("^VS[SM]T[0-9]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
