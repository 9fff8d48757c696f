using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Harness.Reports.Ledger;

/// <summary>One item of a ledger of manual wordings (features/_マニュアルの記載.md): what a step expects of the bank and the
/// manual line it comes from (<see cref="Quote"/>) or, without one, the assumption (仮定) it rests on.</summary>
public sealed record LedgerItem(
    string Id,
    string Kind,
    string Text,
    string? Quote,
    string? Assumption,
    string? ManualCheck,
    string? Manual,
    string? Standard,
    IReadOnlyList<string>? Banks,
    string File)
{
    /// <summary>The 画面名 item of the screen where this item is shown, when the id's own prefix does not say it
    /// (<c>&lt;画面&gt;.画面名</c> beside <c>&lt;画面&gt;.…</c>).</summary>
    public string? Screen { get; init; }

    /// <summary>When the screen shows this item only at times (a field for one kind of payee, a section once a token is
    /// issued): the condition, in words. Such an item is left out of the screen-wide check; the flow that uses it checks it.</summary>
    public string? OnlyWhen { get; init; }
}

/// <summary>The items that apply to one bank: its own file's, then the common file's whose <c>banks</c> include it or omit
/// <c>banks</c>. <see cref="OwnFile"/> is where the bank's file is looked for; <see cref="HasOwnFile"/> whether it exists.</summary>
public sealed record BankLedger(string Bank, string OwnFile, bool HasOwnFile, IReadOnlyList<LedgerItem> Items);

/// <summary>
/// Reads <c>&lt;features&gt;/&lt;bank&gt;/マニュアルの記載.yaml</c> for each bank and <c>&lt;features&gt;/common/マニュアルの記載.yaml</c>.
/// A missing file is no error (that bank has no ledger yet); a malformed one is refused with a <see cref="ReportException"/>
/// in Japanese naming the file and the item.
/// </summary>
public static class ManualLedger
{
    public const string FileName = "マニュアルの記載.yaml";
    public const string CommonFolder = "common";

    /// <summary>The kinds the format allows (features/_マニュアルの記載.md).</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["画面名", "画面ID", "ボタン", "リンク", "項目", "表示", "メッセージ", "送信元", "表示名", "件名", "数", "手順"];

    public static string PathOf(string featuresDir, string bank) => Path.Combine(featuresDir, bank, FileName);

    public static IReadOnlyList<BankLedger> Load(string featuresDir, IReadOnlyList<string> banks)
    {
        ArgumentNullException.ThrowIfNull(banks);
        var commonPath = PathOf(featuresDir, CommonFolder);
        var common = File.Exists(commonPath) ? Parse(File.ReadAllText(commonPath), commonPath, CommonFolder, banks) : [];
        var result = new List<BankLedger>();
        foreach (var bank in banks)
        {
            var path = PathOf(featuresDir, bank);
            var own = File.Exists(path) ? Parse(File.ReadAllText(path), path, bank, banks) : null;
            var shared = common.Where(i => i.Banks is null || i.Banks.Contains(bank, StringComparer.Ordinal)).ToList();
            if (own is not null && shared.FirstOrDefault(c => own.Any(o => o.Id == c.Id)) is { } twice)
            {
                throw new ReportException($"マニュアルの記載 {path}: 項目 {twice.Id} は共通ファイル {commonPath} にもあります (同じ銀行で同じ id を両方に書くのは誤りです)。");
            }

            result.Add(new BankLedger(bank, path, own is not null, [.. own ?? [], .. shared]));
        }

        return result;
    }

    /// <summary>Reads and checks one file; <paramref name="folder"/> is the bank (or <c>common</c>) its folder names.</summary>
    public static IReadOnlyList<LedgerItem> Parse(string yaml, string path, string folder, IReadOnlyList<string> knownBanks)
    {
        ArgumentNullException.ThrowIfNull(knownBanks);
        LedgerFile? file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<LedgerFile?>(yaml);
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message is { } detail ? $" ({detail})" : string.Empty;
            throw new ReportException($"マニュアルの記載 {path} の {ex.Start.Line} 行 {ex.Start.Column} 列が読めません: YAML の構文か、形式にないキーです (使えるキーは bank, manual, items と、項目の id, kind, text, quote, assumption, manualCheck, manual, standard, banks, screen, onlyWhen)。詳細: {ex.Message}{inner}", ex);
        }

        if (file is null)
        {
            throw new ReportException($"マニュアルの記載 {path} が空です。bank と items が必要です。");
        }

        if (file.Bank != folder)
        {
            throw new ReportException($"マニュアルの記載 {path}: bank が「{file.Bank}」ですが、フォルダーは {folder} です (bank: {folder} と書いてください)。");
        }

        if (file.Items is null)
        {
            throw new ReportException($"マニュアルの記載 {path} に items (項目の一覧) がありません。");
        }

        var isCommon = folder == CommonFolder;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<LedgerItem>();
        for (var i = 0; i < file.Items.Count; i++)
        {
            var e = file.Items[i];
            var where = $"マニュアルの記載 {path}: items の {i + 1} 番目";
            if (e is null || string.IsNullOrWhiteSpace(e.Id))
            {
                throw new ReportException($"{where} に id がありません。");
            }

            where = $"マニュアルの記載 {path}: 項目 {e.Id} (items の {i + 1} 番目)";
            if (!seen.Add(e.Id))
            {
                throw new ReportException($"{where} の id が重複しています。");
            }

            if (string.IsNullOrWhiteSpace(e.Kind) || !Kinds.Contains(e.Kind, StringComparer.Ordinal))
            {
                throw new ReportException($"{where} の kind が「{e.Kind}」です。{string.Join(" | ", Kinds)} のどれかを書いてください。");
            }

            if (string.IsNullOrEmpty(e.Text))
            {
                throw new ReportException($"{where} に text (銀行に期待する文言) がありません。");
            }

            if (string.IsNullOrWhiteSpace(e.Quote) && string.IsNullOrWhiteSpace(e.Assumption))
            {
                throw new ReportException($"{where} に quote (マニュアルの行) も assumption (仮定の理由) もありません。どちらかが必要です。");
            }

            if (e.ManualCheck is { } check && string.IsNullOrWhiteSpace(check))
            {
                throw new ReportException($"{where} の manualCheck に理由がありません。");
            }

            if (e.OnlyWhen is { } when && string.IsNullOrWhiteSpace(when))
            {
                throw new ReportException($"{where} の onlyWhen に条件がありません (どんなときに表示されるかを書いてください)。");
            }

            var manual = e.Manual ?? (isCommon ? null : file.Manual);
            if (isCommon && manual is null && string.IsNullOrWhiteSpace(e.Standard))
            {
                throw new ReportException($"{where}: 共通ファイルの項目には manual (マニュアルのファイル) か standard (規格) が必要です。");
            }

            if (e.Banks is not null)
            {
                if (!isCommon)
                {
                    throw new ReportException($"{where}: banks は共通ファイル ({CommonFolder}/{FileName}) の項目にだけ書けます。");
                }

                if (e.Banks.FirstOrDefault(b => !knownBanks.Contains(b, StringComparer.Ordinal)) is { } unknown)
                {
                    throw new ReportException($"{where} の banks にある「{unknown}」は要件台帳の profiles にありません ({string.Join(", ", knownBanks)})。");
                }
            }

            items.Add(new LedgerItem(e.Id, e.Kind, e.Text, Blank(e.Quote), Blank(e.Assumption), e.ManualCheck, manual, Blank(e.Standard), e.Banks, path)
            {
                Screen = e.Screen,
                OnlyWhen = e.OnlyWhen,
            });
        }

        // A screen is named by its 画面名 in the same file.
        foreach (var item in items.Where(i => i.Screen is not null))
        {
            var where = $"マニュアルの記載 {path}: 項目 {item.Id}";
            if (items.FirstOrDefault(i => i.Id == item.Screen) is not { } anchor)
            {
                throw new ReportException($"{where} の screen「{item.Screen}」は同じファイルの項目にありません。その項目が表示される画面の画面名の id を書いてください。");
            }

            if (anchor.Kind != "画面名")
            {
                throw new ReportException($"{where} の screen「{item.Screen}」は {anchor.Kind} です。画面名の id を書いてください。");
            }
        }

        return items;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    // The YAML shape. Unknown keys are refused: a misspelt manualCheck must not silently make an item 未検証.
    private sealed class LedgerFile
    {
        public string? Bank { get; set; }

        public string? Manual { get; set; }

        public List<ItemEntry?>? Items { get; set; }
    }

    private sealed class ItemEntry
    {
        public string? Id { get; set; }

        public string? Kind { get; set; }

        public string? Text { get; set; }

        public string? Quote { get; set; }

        public string? Assumption { get; set; }

        public string? ManualCheck { get; set; }

        public string? Manual { get; set; }

        public string? Standard { get; set; }

        public List<string>? Banks { get; set; }

        public string? Screen { get; set; }

        public string? OnlyWhen { get; set; }
    }
}
