using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Harness.Reports.Register;

/// <summary>One bank profile of the register: the institution and its manual.</summary>
public sealed record BankProfile(string Id, string Institution, string Manual);

/// <summary>One requirement of the register (features/requirements.yaml).</summary>
public sealed record Requirement(
    string Id,
    IReadOnlyList<string> Profiles,
    string? Manual,
    string? Standard,
    string? SourceManual,
    string Title,
    string Summary,
    IReadOnlyList<string> Source,
    IReadOnlyList<string> Assumptions,
    bool ManualOnly,
    string? Reason)
{
    /// <summary>The manual the quoted sentences come from: the profile's manual, or for X-* the nearest manual when the standard's words could not be checked.</summary>
    public string? QuotedFrom => Manual ?? SourceManual;
}

/// <summary>The requirement register: profiles in file order, requirements in file order.</summary>
public sealed partial class RequirementRegister
{
    private RequirementRegister(IReadOnlyList<BankProfile> profiles, IReadOnlyList<Requirement> requirements)
    {
        Profiles = profiles;
        Requirements = requirements;
        ById = requirements.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<BankProfile> Profiles { get; }

    public IReadOnlyList<Requirement> Requirements { get; }

    public IReadOnlyDictionary<string, Requirement> ById { get; }

    /// <summary>Reads and checks the register; a malformed one is refused with a Japanese message naming the file and the problem.</summary>
    public static RequirementRegister Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ReportException($"要件台帳 {path} がありません。");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static RequirementRegister Parse(string yaml, string path)
    {
        RegisterFile? file;
        try
        {
            var deserializer = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .IgnoreUnmatchedProperties()
                .Build();
            file = deserializer.Deserialize<RegisterFile?>(yaml);
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message is { } detail ? $" ({detail})" : string.Empty;
            throw new ReportException($"要件台帳 {path} の {ex.Start.Line} 行 {ex.Start.Column} 列が読めません: YAML の構文か形 (キーと値、一覧の入れ子、引用符) が正しくありません。詳細: {ex.Message}{inner}", ex);
        }

        if (file is null)
        {
            throw new ReportException($"要件台帳 {path} が空です。profiles と requirements が必要です。");
        }

        if (file.Profiles is null || file.Profiles.Count == 0)
        {
            throw new ReportException($"要件台帳 {path} に profiles (銀行プロファイルの一覧) がありません。");
        }

        if (file.Requirements is null || file.Requirements.Count == 0)
        {
            throw new ReportException($"要件台帳 {path} に requirements (要件の一覧) がありません。");
        }

        var profiles = new List<BankProfile>();
        foreach (var (id, p) in file.Profiles)
        {
            if (p is null || string.IsNullOrWhiteSpace(p.Institution))
            {
                throw new ReportException($"要件台帳 {path}: プロファイル {id} に institution (金融機関名) がありません。");
            }

            profiles.Add(new BankProfile(id, p.Institution, p.Manual ?? string.Empty));
        }

        var known = profiles.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var requirements = new List<Requirement>();
        for (var i = 0; i < file.Requirements.Count; i++)
        {
            var r = file.Requirements[i];
            var where = $"要件台帳 {path}: requirements の {i + 1} 番目";
            if (r is null || string.IsNullOrWhiteSpace(r.Id))
            {
                throw new ReportException($"{where} に id がありません。");
            }

            where = $"要件台帳 {path}: 要件 {r.Id}";
            if (!IdPattern().IsMatch(r.Id))
            {
                throw new ReportException($"{where} の id が「AKT-07」の形 (英大文字、ハイフン、2桁の数字) ではありません。");
            }

            if (!seen.Add(r.Id))
            {
                throw new ReportException($"{where} の id が重複しています。");
            }

            if (string.IsNullOrWhiteSpace(r.Title))
            {
                throw new ReportException($"{where} に title がありません。");
            }

            if (r.Profiles is null || r.Profiles.Count == 0)
            {
                throw new ReportException($"{where} に profiles がありません。");
            }

            if (r.Profiles.FirstOrDefault(p => !known.Contains(p)) is { } unknown)
            {
                throw new ReportException($"{where} の profiles にある「{unknown}」は profiles に定義されていません。");
            }

            if (r.Source is null || r.Source.Count == 0 || r.Source.Any(string.IsNullOrWhiteSpace))
            {
                throw new ReportException($"{where} に source (マニュアル原文の引用) がありません。");
            }

            requirements.Add(new Requirement(
                r.Id, [.. r.Profiles], r.Manual, r.Standard, r.SourceManual, r.Title, r.Summary ?? string.Empty,
                [.. r.Source], [.. r.Assumptions ?? []], r.ManualOnly, r.Reason));
        }

        return new RequirementRegister(profiles, requirements);
    }

    [GeneratedRegex("^[A-Z]+-[0-9]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    // The YAML shape. Unknown keys are tolerated so the register can grow without breaking old reports.
    private sealed class RegisterFile
    {
        public Dictionary<string, ProfileEntry?>? Profiles { get; set; }

        public List<RequirementEntry?>? Requirements { get; set; }
    }

    private sealed class ProfileEntry
    {
        public string? Institution { get; set; }

        public string? Manual { get; set; }
    }

    private sealed class RequirementEntry
    {
        public string? Id { get; set; }

        public List<string>? Profiles { get; set; }

        public string? Manual { get; set; }

        public string? Standard { get; set; }

        public string? SourceManual { get; set; }

        public string? Title { get; set; }

        public string? Summary { get; set; }

        public List<string>? Source { get; set; }

        public List<string>? Assumptions { get; set; }

        public bool ManualOnly { get; set; }

        public string? Reason { get; set; }
    }
}
