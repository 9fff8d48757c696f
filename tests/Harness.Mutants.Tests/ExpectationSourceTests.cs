using System.Text.RegularExpressions;
using Harness.Conformance.Support;
using NUnit.Framework;

namespace Harness.Mutants.Tests;

/// <summary>
/// The suite holds the bank to the manuals' own words: every expected text, control and number of the steps, drivers and
/// set-up comes from the ledgers in features/ (or the scenario's words), never from the bank's profiles, types or constants.
/// A bank that departs from its manual would otherwise be its own judge.
/// </summary>
public sealed partial class ExpectationSourceTests
{
    /// <summary>Files of the suite that start and break the bank, and so may name its types: not expectations.</summary>
    private static readonly string[] MayNameTheBank = ["Support/BankPool.cs", "Support/World.cs", "Support/Mutants"];

    private static readonly IReadOnlyList<string> Banks = Ledger.Banks;

    [Test]
    public void No_step_driver_or_set_up_reads_the_banks_profiles_texts_or_messages()
    {
        var offenders = SuiteSources()
            .Where(f => !MayNameTheBank.Any(allowed => f.Relative.StartsWith(allowed, StringComparison.Ordinal)))
            .SelectMany(f => f.Lines.Select((line, i) => (f.Relative, Line: i + 1, Text: line)))
            .Where(l => BankWording().IsMatch(l.Text))
            .Select(l => $"{l.Relative}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.That(offenders, Is.Empty, "期待値を銀行のプロファイル・型・定数から読んでいる行があります。features/<銀行>/マニュアルの記載.yaml から読んでください。");
    }

    [Test]
    public void The_files_that_may_name_the_bank_do_not_read_its_wording_either()
    {
        var offenders = SuiteSources()
            .Where(f => MayNameTheBank.Any(allowed => f.Relative.StartsWith(allowed, StringComparison.Ordinal)) && !f.Relative.StartsWith("Support/Mutants", StringComparison.Ordinal))
            .SelectMany(f => f.Lines.Select((line, i) => (f.Relative, Line: i + 1, Text: line)))
            .Where(l => WordingMembers().IsMatch(l.Text))
            .Select(l => $"{l.Relative}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.That(offenders, Is.Empty);
    }

    /// <summary>The drivers look for no control by a literal: every label, button, link and title goes through a ledger id.</summary>
    [Test]
    public void Drivers_find_controls_only_by_ledger_ids()
    {
        var offenders = SuiteSources()
            .Where(f => f.Relative.StartsWith("Drivers/UiDriver", StringComparison.Ordinal))
            .SelectMany(f => f.Lines.Select((line, i) => (f.Relative, Line: i + 1, Text: line)))
            .Where(l => LiteralControl().IsMatch(l.Text))
            .Select(l => $"{l.Relative}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.That(offenders, Is.Empty, "画面の部品を文字列で直接探している行があります。マニュアルの記載の id で引いてください。");
    }

    /// <summary>Every id the suite looks up is in at least one bank's ledger (a typo would otherwise fail only at run time, and
    /// only for the banks a scenario happens to reach).</summary>
    [Test]
    public void Every_ledger_id_the_suite_names_is_in_a_ledger()
    {
        var ledgers = Banks.Select(b => Ledger.Load(FeaturesDirectory(), b)).ToList();
        var named = SuiteSources()
            .SelectMany(f => LedgerId().Matches(string.Join('\n', f.Lines)).Select(m => (f.Relative, Id: m.Groups["id"].Value)))
            .Where(n => (n.Id.Contains('.', StringComparison.Ordinal) && !n.Id.EndsWith('.')) || n.Id == "金融機関名")
            .ToList();
        Assert.That(named, Has.Count.GreaterThan(100), "ledger lookups found in the suite's sources");
        var unknown = named.Where(n => !ledgers.Any(l => l.Has(n.Id))).Select(n => $"{n.Relative}: {n.Id}").Distinct().ToList();
        Assert.That(unknown, Is.Empty);
    }

    /// <summary>Each ledger reads: one bank, unique ids, a quote or an assumption for every item, and the items the suite needs
    /// of every bank (the login, the menu and the numbers of the lock).</summary>
    [TestCaseSource(nameof(Banks))]
    public void The_ledger_of_each_bank_loads_with_the_items_every_bank_needs(string bank)
    {
        var ledger = Ledger.Load(FeaturesDirectory(), bank);
        string[] everyBank =
        [
            "金融機関名", "ログイン.画面名", "ログイン.ログインID", "ログイン.ログインパスワード", "ログイン.ボタン", "OTP認証.ワンタイムパスワード",
            "OTP認証.ボタン", "メニュー.画面名", "メニュー.ログアウト", "メッセージ.ワンタイムパスワード停止", "数.ワンタイムパスワード間隔秒",
            "手順.トークンの種類", "手順.限度額変更にワンタイムパスワード",
        ];
        Assert.That(everyBank.Where(id => !ledger.Has(id)), Is.Empty, $"{bank} の台帳にない id");
        Assert.That(ledger.Items.Where(i => i.Quote is null && i.Assumption is null), Is.Empty);
    }

    [Test]
    public void A_broken_ledger_is_refused_with_the_file_and_the_item()
    {
        var dir = Directory.CreateTempSubdirectory("ledger-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "akita"));
            File.WriteAllText(Path.Combine(dir.FullName, "akita", Ledger.FileName), "bank: akita\nitems:\n  - id: ログイン.ボタン\n    kind: ボタン\n    text: ログイン\n");
            var path = Path.Combine(dir.FullName, "akita", Ledger.FileName);
            var error = Assert.Throws<Harness.Reports.ReportException>(() => Ledger.Load(dir.FullName, "akita"))!;
            Assert.That(error.Message, Is.EqualTo($"マニュアルの記載 {path}: 項目 ログイン.ボタン (items の 1 番目) に quote (マニュアルの行) も assumption (仮定の理由) もありません。どちらかが必要です。"));

            File.WriteAllText(path, "bank: kyoei\nitems: []\n");
            error = Assert.Throws<Harness.Reports.ReportException>(() => Ledger.Load(dir.FullName, "akita"))!;
            Assert.That(error.Message, Is.EqualTo($"マニュアルの記載 {path}: bank が「kyoei」ですが、フォルダーは akita です (bank: akita と書いてください)。"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A reference to the bank's profiles, its screen texts, its mail senders or its fixed messages.</summary>
    [GeneratedRegex(@"Harness\.Bank\.Profiles|BankProfile|\.Profile\b|\bTexts\.|\.Mail\.\w+Sender|\bProblem\.|BankMails|Harness\.Bank\.Common")]
    private static partial Regex BankWording();

    [GeneratedRegex(@"\.Texts\.|\.Mail\.\w+Sender|\bProblem\.|BankMails")]
    private static partial Regex WordingMembers();

    /// <summary>A Playwright lookup by a literal name or label (GetByLabel("…"), Name = "…", HasText = "…").</summary>
    [GeneratedRegex(@"GetByLabel\(\s*""|Name\s*=\s*""|HasText\s*=\s*""|GetByText\(\s*""")]
    private static partial Regex LiteralControl();

    /// <summary>A literal passed to a ledger lookup: manual["…"], manual.X("…"), or a driver helper taking an id.</summary>
    [GeneratedRegex(@"(?:manual\[|manual\.(?:Has|Number|Flag|List|Expect|Failed|Source|Entry)\(|(?:FieldAsync|OptionalFieldAsync|ButtonAsync|LinkAsync|ExpectTitleAsync|CellAsync|OpenFromMenuAsync|MenuFigureAsync|SameScreen|VipUserAuthenticationAsync|VipResultAsync)\()""(?<id>[^""]+)""")]
    private static partial Regex LedgerId();

    private static IEnumerable<(string Relative, string[] Lines)> SuiteSources()
    {
        var suite = Path.Combine(Repository.Root(), "tests", "Harness.Conformance");
        return new[] { "Steps", "Drivers", "Support" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(suite, d), "*.cs", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(suite, f).Replace('\\', '/'), File.ReadAllLines(f)));
    }

    private static string FeaturesDirectory() => Path.Combine(Repository.Root(), "features");
}
