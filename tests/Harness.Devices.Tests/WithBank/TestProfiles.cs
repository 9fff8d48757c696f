namespace Harness.Devices.Tests.WithBank;

/// <summary>
/// Bank profiles derived from the shipped ones for a test, written next to them in the test's output
/// Profiles/ folder (where BankProfile.Load looks). No shipped profile sends ISO-2022-JP, although
/// CONTRACTS.md §4 lets a profile choose it; this makes one without touching the bank.
/// </summary>
internal static class TestProfiles
{
    /// <summary>The profile <paramref name="profile"/> with only <c>mail.charset</c> changed; returns the new profile id.</summary>
    public static string WithMailCharset(string profile, string charset)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Profiles");
        var id = $"{profile}-{charset.Replace("-", string.Empty, StringComparison.Ordinal)}";
        var lines = File.ReadAllLines(Path.Combine(folder, profile + ".yaml"));
        var idLines = lines.Count(l => l == $"id: {profile}");
        var charsetLines = lines.Count(l => l == "  charset: utf-8");
        if (idLines != 1 || charsetLines != 1)
            throw new InvalidDataException($"{profile}.yaml no longer has one 'id: {profile}' and one '  charset: utf-8' line; update {nameof(TestProfiles)}.");
        var derived = lines.Select(l => l == $"id: {profile}" ? $"id: {id}" : l == "  charset: utf-8" ? $"  charset: {charset}" : l);
        File.WriteAllLines(Path.Combine(folder, id + ".yaml"), derived);
        return id;
    }
}
