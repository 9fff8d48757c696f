using System.Globalization;
using System.Text;
using Harness.Reports.Conformance;
using Harness.Reports.Ledger;
using Harness.Reports.Runs;

namespace Harness.Reports.Html;

/// <summary>conformance.html: one self-contained Japanese page (inline CSS and SVG, screenshots as data: URIs).
/// Every text from the register or the run goes through <see cref="H"/>.</summary>
internal static class HtmlReport
{
    public const string Title = "ワンタイムパスワード・メール通知パスワード 適合性試験報告書";

    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    public static string Render(ReportDocument doc)
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(H(Title)).Append("</title>\n<style>\n")
          .Append(StyleSheet).Append("</style>\n</head>\n<body>\n");
        ImageDefinitions(sb, doc.Run);
        sb.Append("<header><h1>").Append(H(Title)).Append("</h1>\n<p class=\"meta\">実行開始: ").Append(H(Time(doc.Run.StartedAt)))
          .Append(" / 実行終了: ").Append(H(Time(doc.Run.FinishedAt)))
          .Append(" / シナリオ: 合格 ").Append(Count(doc.Run, ScenarioStatus.Passed))
          .Append("・不合格 ").Append(Count(doc.Run, ScenarioStatus.Failed))
          .Append("・未実装 ").Append(Count(doc.Run, ScenarioStatus.Unimplemented))
          .Append("・手動確認 ").Append(Count(doc.Run, ScenarioStatus.Manual))
          .Append("・スキップ/未実行 ").Append(Count(doc.Run, ScenarioStatus.Skipped) + Count(doc.Run, ScenarioStatus.NotRun))
          .Append("</p>\n");
        CucumberHtmlLink(sb, doc);
        sb.Append("</header>\n");

        Overview(sb, doc);
        if (doc.History is not null)
        {
            History(sb, doc);
        }

        foreach (var profile in doc.Conformance.Profiles)
        {
            Profile(sb, profile);
            if (doc.Ledgers.FirstOrDefault(l => l.Ledger.Bank == profile.Profile.Id) is { } ledger)
            {
                LedgerSection(sb, doc, ledger);
            }

            sb.Append("</section>\n");
        }

        Failures(sb, doc);
        UnimplementedScenarios(sb, doc);
        ScenarioEvidence(sb, doc);
        Undefined(sb, doc);
        ManualScenarios(sb, doc);
        Untraced(sb, doc);
        Reproducibility(sb, doc);
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void CucumberHtmlLink(StringBuilder sb, ReportDocument doc)
    {
        if (doc.CucumberHtmlCopied == true)
        {
            sb.Append("<p class=\"cucumber\"><a href=\"").Append(CucumberHtml.FileName).Append("\">Cucumber の HTML レポート (機能・タグ・結果で絞り込み)</a></p>\n");
        }
        else if (doc.CucumberHtmlCopied == false)
        {
            sb.Append("<p class=\"cucumber none\">Cucumber の HTML レポートは載せていません: 埋め込まれた実行結果が読めず、添付に秘密情報がないことを確かめられませんでした。</p>\n");
        }
    }

    private static void Overview(StringBuilder sb, ReportDocument doc)
    {
        sb.Append("<section id=\"overview\"><h2>プロファイル別の集計</h2>\n")
          .Append("<p class=\"rules\">判定: シナリオが一つでも不合格なら<b>不合格</b>、そうでなく未定義か保留のステップで止まったシナリオがあれば<b>未実装</b> (ハーネスの不備で、銀行の不合格ではありません)、")
          .Append("実行したシナリオがすべて合格なら<b>合格</b>、@手動確認 のシナリオだけなら<b>手動確認</b>、実行したシナリオがなければ<b>未網羅</b>。</p>\n")
          .Append("<table class=\"summary\"><thead><tr><th>プロファイル</th><th>金融機関</th><th>合格</th><th>不合格</th><th>未実装</th><th>未網羅</th><th>手動確認</th><th>内訳</th></tr></thead><tbody>\n");
        foreach (var p in doc.Conformance.Profiles)
        {
            sb.Append("<tr><td><a href=\"#profile-").Append(H(p.Profile.Id)).Append("\">").Append(H(p.Profile.Id)).Append("</a></td><td>")
              .Append(H(p.Profile.Institution)).Append("</td><td class=\"n passed\">").Append(N(p.Passed)).Append("</td><td class=\"n failed\">")
              .Append(N(p.Failed)).Append("</td><td class=\"n unimplemented\">").Append(N(p.Unimplemented)).Append("</td><td class=\"n uncovered\">").Append(N(p.Uncovered)).Append("</td><td class=\"n manual\">")
              .Append(N(p.Manual)).Append("</td><td>").Append(Bar(p, 240)).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table>\n").Append(Legend);
        LedgerSummary(sb, doc);
        sb.Append("</section>\n");
    }

    private static void History(StringBuilder sb, ReportDocument doc)
    {
        var h = doc.History!;
        sb.Append("<section id=\"history\"><h2>前回の実行との比較</h2>\n<p>前回: <code>").Append(H(h.PreviousRun)).Append("</code></p>\n");
        void List(string title, string css, IReadOnlyList<string> names)
        {
            sb.Append("<h3 class=\"").Append(css).Append("\">").Append(H(title)).Append(" (").Append(N(names.Count)).Append(" 件)</h3>\n");
            if (names.Count == 0)
            {
                sb.Append("<p class=\"none\">なし</p>\n");
                return;
            }

            sb.Append("<ul>");
            foreach (var n in names)
            {
                sb.Append("<li>").Append(H(n)).Append("</li>");
            }

            sb.Append("</ul>\n");
        }

        List("新たな不合格", "failed", h.NewFailures);
        List("修正された (前回不合格 → 今回合格)", "passed", h.Fixed);
        List("引き続き不合格", "failed", h.StillFailing);
        List("前回不合格・今回は合否なし (実行されず・スキップ・未実装)", "notrun", h.FailedBeforeNotRunNow);
        sb.Append("</section>\n");
    }

    private static void Profile(StringBuilder sb, ProfileResult p)
    {
        sb.Append("<section class=\"profile\" id=\"profile-").Append(H(p.Profile.Id)).Append("\"><h2>").Append(H(p.Profile.Institution))
          .Append(" <span class=\"id\">(").Append(H(p.Profile.Id)).Append(")</span></h2>\n<p>マニュアル: <code>").Append(H(p.Profile.Manual)).Append("</code></p>\n")
          .Append("<div class=\"counts\">").Append(Bar(p, 420))
          .Append("<p>合格 <b>").Append(N(p.Passed)).Append("</b>・不合格 <b>").Append(N(p.Failed)).Append("</b>・未実装 <b>").Append(N(p.Unimplemented)).Append("</b>・未網羅 <b>").Append(N(p.Uncovered))
          .Append("</b>・手動確認 <b>").Append(N(p.Manual)).Append("</b> (要件 ").Append(N(p.Requirements.Count)).Append(" 件)</p></div>\n");

        var uncovered = p.Requirements.Where(r => r.Status == RequirementStatus.Uncovered).ToList();
        sb.Append("<div class=\"uncovered-box\"><h3>未網羅の要件 (").Append(N(uncovered.Count)).Append(" 件): 検証したシナリオがありません</h3>\n");
        if (uncovered.Count == 0)
        {
            sb.Append("<p class=\"none\">なし</p>");
        }
        else
        {
            sb.Append("<ul>");
            foreach (var r in uncovered)
            {
                sb.Append("<li><b>").Append(H(r.Requirement.Id)).Append("</b> ").Append(H(r.Requirement.Title)).Append("</li>");
            }

            sb.Append("</ul>");
        }

        sb.Append("</div>\n<h3>前提条件 (仮定)</h3>\n");
        var assumptions = p.Assumptions.ToList();
        if (assumptions.Count == 0)
        {
            sb.Append("<p class=\"none\">なし</p>\n");
        }
        else
        {
            sb.Append("<ul class=\"assumptions\">");
            foreach (var (id, text) in assumptions)
            {
                sb.Append("<li><b>").Append(H(id)).Append("</b> ").Append(H(text)).Append("</li>");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("<h3>トレーサビリティ表</h3>\n<table class=\"matrix\"><colgroup><col class=\"req\"><col class=\"src\"><col class=\"sc\"><col class=\"res\"><col class=\"ev\"></colgroup><thead><tr><th>要件</th><th>マニュアルと原文</th><th>シナリオ</th><th>結果</th><th>証跡</th></tr></thead><tbody>\n");
        foreach (var r in p.Requirements)
        {
            var req = r.Requirement;
            sb.Append("<tr class=\"").Append(Css(r.Status)).Append("\"><td><b>").Append(H(req.Id)).Append("</b><br>").Append(H(req.Title));
            if (req.ManualOnly)
            {
                sb.Append("<br><small>手動のみの要件</small>");
            }

            if (req.Reason is not null)
            {
                sb.Append("<br><small>").Append(H(req.Reason)).Append("</small>");
            }

            sb.Append("</td><td>");
            if (req.Standard is not null)
            {
                sb.Append("<div class=\"std\">規格: ").Append(H(req.Standard)).Append("</div>");
            }

            if (req.QuotedFrom is not null)
            {
                sb.Append("<div class=\"manual\"><code>").Append(H(req.QuotedFrom)).Append("</code></div>");
            }

            foreach (var sentence in req.Source)
            {
                sb.Append("<blockquote>").Append(H(sentence)).Append("</blockquote>");
            }

            sb.Append("</td><td>");
            if (r.Scenarios.Count == 0)
            {
                sb.Append("<span class=\"none\">(なし)</span>");
            }

            foreach (var s in r.Scenarios)
            {
                sb.Append("<div class=\"scenario\"><span class=\"badge ").Append(Css(s.Status)).Append("\">").Append(H(Label(s.Status))).Append("</span> ")
                  .Append(H(s.FeatureName)).Append(" / ").Append(H(s.Name));
                if (s.Channel is not null)
                {
                    sb.Append(" <small>[").Append(H(s.Channel)).Append("]</small>");
                }

                if (s.Status is ScenarioStatus.Failed or ScenarioStatus.Unimplemented && s.FailedStep is { } failedAt)
                {
                    sb.Append("<div class=\"").Append(s.Status == ScenarioStatus.Failed ? "why" : "missing").Append("\">").Append(H(failedAt.Status)).Append(": ").Append(H(failedAt.Keyword)).Append(' ').Append(H(failedAt.Text)).Append("</div>");
                }
                else if (s.Status == ScenarioStatus.Manual)
                {
                    sb.Append("<div class=\"reason\">手動確認の理由: ").Append(H(s.ManualReason ?? string.Empty)).Append("</div>");
                }

                ShortFileLinks(sb, s.Evidence.Where(e => !e.IsImage));
                sb.Append("</div>");
            }

            sb.Append("</td><td class=\"result\"><span class=\"badge ").Append(Css(r.Status)).Append("\">").Append(H(Label(r.Status))).Append("</span></td><td class=\"evidence\">");
            foreach (var e in r.Scenarios.SelectMany(s => s.Evidence).Where(e => e.IsImage))
            {
                Evidence(sb, e, "thumb");
            }

            sb.Append("</td></tr>\n");
        }

        sb.Append("</tbody></table>\n");
    }

    /// <summary>The summary line per bank near the top: the ledger's counts per result, or that the bank has no ledger yet.</summary>
    private static void LedgerSummary(StringBuilder sb, ReportDocument doc)
    {
        if (doc.Ledgers.Count == 0)
        {
            return;
        }

        sb.Append("<h3>マニュアルの記載と検証</h3>\n<ul class=\"ledger-summary\">");
        foreach (var l in doc.Ledgers)
        {
            var institution = doc.Register.Profiles.FirstOrDefault(p => p.Id == l.Ledger.Bank)?.Institution ?? l.Ledger.Bank;
            sb.Append("<li><a href=\"#ledger-").Append(H(l.Ledger.Bank)).Append("\">").Append(H(l.Ledger.Bank)).Append(" (").Append(H(institution)).Append(")</a>: ");
            if (!l.Ledger.HasOwnFile)
            {
                sb.Append("<span class=\"no-ledger\">台帳 ").Append(H(l.Ledger.Bank)).Append('/').Append(H(ManualLedger.FileName)).Append(" がまだありません</span>");
                sb.Append(l.Items.Count > 0 ? "。共通の台帳の" : string.Empty);
            }

            if (l.Ledger.HasOwnFile || l.Items.Count > 0)
            {
                sb.Append(LedgerCounts(l));
            }

            sb.Append("</li>");
        }

        sb.Append("</ul>\n");
    }

    private static string LedgerCounts(BankLedgerResult l) =>
        $"項目 {N(l.Items.Count)}: 合格 {N(l.Count(LedgerStatus.Passed))}・不合格 {N(l.Count(LedgerStatus.Failed))}・未実装 {N(l.Count(LedgerStatus.Unimplemented))}・手動確認 {N(l.Count(LedgerStatus.Manual))}・未検証 {N(l.Count(LedgerStatus.Unverified))}";

    /// <summary>「マニュアルの記載と検証」: every ledger item that applies to the bank, in plain sight, with the scenarios that checked it.</summary>
    private static void LedgerSection(StringBuilder sb, ReportDocument doc, BankLedgerResult l)
    {
        sb.Append("<h3 id=\"ledger-").Append(H(l.Ledger.Bank)).Append("\">マニュアルの記載と検証 (").Append(H(LedgerCounts(l))).Append(")</h3>\n")
          .Append("<p class=\"rules\">台帳の項目ごとに、銀行に期待した文言、その根拠のマニュアルの行、確かめたシナリオと結果。")
          .Append("合格: 合格したシナリオが確かめ、どのシナリオでも一致しなかったことがない。不合格: 一致しなかった、または不合格のシナリオだけが確かめた。")
          .Append("未実装: 未実装のシナリオだけが確かめた。手動確認: 自動では確かめられない (理由つき)。未検証: どのシナリオも確かめていない。</p>\n");
        if (!l.Ledger.HasOwnFile)
        {
            sb.Append("<p class=\"no-ledger\">この銀行の台帳 <code>").Append(H(l.Ledger.Bank)).Append('/').Append(H(ManualLedger.FileName))
              .Append("</code> はまだありません。").Append(l.Items.Count > 0 ? "共通の台帳の項目だけを示します。" : string.Empty).Append("</p>\n");
        }

        if (l.Items.Count == 0)
        {
            sb.Append("<p class=\"none\">項目なし</p>\n");
            return;
        }

        sb.Append("<table class=\"ledger\"><colgroup><col class=\"kind\"><col class=\"id\"><col class=\"text\"><col class=\"src\"><col class=\"sc\"><col class=\"res\"></colgroup>")
          .Append("<thead><tr><th>種類</th><th>id</th><th>期待する文言</th><th>マニュアルの記載</th><th>確かめたシナリオ</th><th>結果</th></tr></thead><tbody>\n");
        foreach (var r in l.Items)
        {
            var i = r.Item;
            sb.Append("<tr class=\"").Append(Css(r.Status)).Append("\"><td>").Append(H(i.Kind)).Append("</td><td><code>").Append(H(i.Id)).Append("</code></td><td>")
              .Append(H(i.Text)).Append("</td><td>");
            if (i.Quote is not null)
            {
                sb.Append("<blockquote>").Append(H(i.Quote)).Append("</blockquote>");
            }

            if (i.Assumption is not null)
            {
                sb.Append("<div class=\"assumption\"><b>(仮定)</b> ").Append(H(i.Assumption)).Append("</div>");
            }

            if (i.Manual is not null)
            {
                sb.Append("<div class=\"manual\"><code>").Append(H(i.Manual)).Append("</code></div>");
            }

            if (i.Standard is not null)
            {
                sb.Append("<div class=\"std\">規格: ").Append(H(i.Standard)).Append("</div>");
            }

            sb.Append("</td><td>");
            if (r.CheckedBy.Count == 0)
            {
                sb.Append("<span class=\"none\">(なし)</span>");
            }

            foreach (var s in r.CheckedBy)
            {
                sb.Append("<div class=\"scenario\"><span class=\"badge ").Append(Css(s.Status)).Append("\">").Append(H(Label(s.Status))).Append("</span> ");
                var name = H(s.FeatureName) + " / " + H(s.Name);
                sb.Append(AnchorOf(doc, s) is { } anchor ? $"<a href=\"#{anchor}\">{name}</a>" : name);
                if (r.FailedIn.Contains(s))
                {
                    sb.Append(" <span class=\"why\">(一致しませんでした)</span>");
                }

                sb.Append("</div>");
            }

            sb.Append("</td><td class=\"result\"><span class=\"badge ").Append(Css(r.Status)).Append("\">").Append(H(Label(r.Status))).Append("</span>");
            if (i.ManualCheck is not null)
            {
                sb.Append("<div class=\"reason\">手動確認: ").Append(H(i.ManualCheck)).Append("</div>");
            }

            sb.Append("</td></tr>\n");
        }

        sb.Append("</tbody></table>\n");
    }

    private static void Failures(StringBuilder sb, ReportDocument doc)
    {
        var failed = doc.Run.Scenarios.Where(s => s.Status == ScenarioStatus.Failed).ToList();
        sb.Append("<section id=\"failures\"><h2>不合格のシナリオ (").Append(N(failed.Count)).Append(" 件)</h2>\n");
        if (failed.Count == 0)
        {
            sb.Append("<p class=\"none\">なし</p>\n");
        }

        foreach (var s in failed)
        {
            var step = s.FailedStep;
            sb.Append("<article class=\"failure\"").Append(AnchorAttribute(doc, s, "failures")).Append("><h3>").Append(H(s.FeatureName)).Append(" / ").Append(H(s.Name)).Append("</h3>\n<p><code>")
              .Append(H(s.FeatureUri)).Append(':').Append(N(s.Line)).Append("</code> ").Append(H(string.Join(' ', s.Tags))).Append("</p>\n");
            if (step is not null)
            {
                sb.Append("<p>失敗したステップ: <b>").Append(H(step.Keyword)).Append(' ').Append(H(step.Text)).Append("</b> <span class=\"badge failed\">")
                  .Append(H(step.Status)).Append("</span></p>\n");
                if (step.Message is not null)
                {
                    sb.Append("<pre class=\"message\">").Append(H(step.Message)).Append("</pre>\n");
                }
            }

            if (s.Logs.Count > 0)
            {
                sb.Append("<details open><summary>ログ</summary><pre class=\"log\">").Append(H(string.Join('\n', s.Logs))).Append("</pre></details>\n");
            }

            foreach (var e in s.Evidence.Where(e => e.IsImage))
            {
                Evidence(sb, e, "shot");
            }

            FileLinks(sb, s.Evidence.Where(e => !e.IsImage));
            sb.Append("</article>\n");
        }

        sb.Append("</section>\n");
    }

    /// <summary>Scenarios stopped by an undefined or pending step: the harness's to-do list, kept apart from the bank's failures.</summary>
    private static void UnimplementedScenarios(StringBuilder sb, ReportDocument doc)
    {
        var missing = doc.Run.Scenarios.Where(s => s.Status == ScenarioStatus.Unimplemented).ToList();
        sb.Append("<section id=\"unimplemented\"><h2>未実装のシナリオ (").Append(N(missing.Count)).Append(" 件)</h2>\n")
          .Append("<p class=\"rules\">未定義 (UNDEFINED) か保留 (PENDING) のステップで止まったシナリオです。ハーネスのステップが足りないため銀行を判定していません (不合格とは数えません)。</p>\n");
        if (missing.Count == 0)
        {
            sb.Append("<p class=\"none\">なし</p>\n</section>\n");
            return;
        }

        sb.Append("<ul>");
        foreach (var s in missing)
        {
            sb.Append("<li").Append(AnchorAttribute(doc, s, "unimplemented")).Append('>').Append(H(s.FeatureName)).Append(" / ").Append(H(s.Name)).Append(" <code>").Append(H(s.FeatureUri)).Append(':').Append(N(s.Line)).Append("</code>");
            if (s.FailedStep is { } step)
            {
                sb.Append(": <span class=\"badge unimplemented\">").Append(H(step.Status)).Append("</span> ").Append(H(step.Keyword)).Append(' ').Append(H(step.Text));
            }

            sb.Append("</li>");
        }

        sb.Append("</ul>\n</section>\n");
    }

    /// <summary>Every executed scenario with the evidence it left: screens, the mails its mailboxes received, the vendor's journal, traces.</summary>
    private static void ScenarioEvidence(StringBuilder sb, ReportDocument doc)
    {
        var scenarios = doc.Run.Scenarios.Where(s => s.Evidence.Count > 0).ToList();
        sb.Append("<section id=\"evidence\"><h2>シナリオごとの証跡 (").Append(N(scenarios.Count)).Append(" シナリオ)</h2>\n")
          .Append("<p class=\"rules\">画面はステップごとのスクリーンショット、メールは模擬メールボックスが受け取ったメールの写し (.eml, パスワードの値は伏せ字)、")
          .Append("ベンダーの記録は模擬トークンベンダーが受けた要求と応答 (仮想時計の時刻)、トレースは不合格の画面シナリオの Playwright トレース。</p>\n");
        if (scenarios.Count == 0)
        {
            sb.Append("<p class=\"none\">なし</p>\n</section>\n");
            return;
        }

        sb.Append("<table class=\"evidence-list\"><colgroup><col class=\"sc\"><col class=\"res\"><col class=\"ev\"></colgroup><thead><tr><th>シナリオ</th><th>結果</th><th>証跡</th></tr></thead><tbody>\n");
        foreach (var s in scenarios)
        {
            sb.Append("<tr").Append(AnchorAttribute(doc, s, "evidence")).Append("><td>").Append(H(s.FeatureName)).Append(" / ").Append(H(s.Name));
            if (s.Channel is not null)
            {
                sb.Append(" <small>[").Append(H(s.Channel)).Append("]</small>");
            }

            sb.Append("</td><td><span class=\"badge ").Append(Css(s.Status)).Append("\">").Append(H(Label(s.Status))).Append("</span></td><td>");
            FileLinks(sb, s.Evidence);
            sb.Append("</td></tr>\n");
        }

        sb.Append("</tbody></table>\n</section>\n");
    }

    /// <summary>A scenario's files in the narrow matrix column: "証跡: メール 1・メール 2・ベンダーの記録", each linked, the file name
    /// as its title (the full names are in the per-scenario evidence section).</summary>
    private static void ShortFileLinks(StringBuilder sb, IEnumerable<EvidenceFile> files)
    {
        var list = files.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var counts = list.GroupBy(KindOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        sb.Append("<div class=\"files\">証跡: ");
        for (var i = 0; i < list.Count; i++)
        {
            var kind = KindOf(list[i]);
            seen[kind] = seen.GetValueOrDefault(kind) + 1;
            sb.Append(i > 0 ? "・" : string.Empty).Append("<a href=\"").Append(H(list[i].RelativePath)).Append("\" title=\"").Append(H(list[i].FileName ?? list[i].RelativePath)).Append("\">")
              .Append(H(counts[kind] > 1 ? $"{kind} {N(seen[kind])}" : kind)).Append("</a>");
        }

        sb.Append("</div>");
    }

    private static void FileLinks(StringBuilder sb, IEnumerable<EvidenceFile> files)
    {
        var list = files.ToList();
        if (list.Count == 0)
        {
            return;
        }

        sb.Append("<ul class=\"files\">");
        foreach (var e in list)
        {
            sb.Append("<li><a href=\"").Append(H(e.RelativePath)).Append("\">").Append(H(KindOf(e))).Append(": ")
              .Append(H(e.FileName ?? e.RelativePath)).Append("</a></li>");
        }

        sb.Append("</ul>");
    }

    /// <summary>What an evidence file is, in the reader's words.</summary>
    internal static string KindOf(EvidenceFile e) => e.MediaType.ToUpperInvariant() switch
    {
        _ when e.IsImage => "画面",
        "MESSAGE/RFC822" => "メール",
        "APPLICATION/JSON" when e.FileName?.Contains("vendor", StringComparison.OrdinalIgnoreCase) == true => "ベンダーの記録",
        "APPLICATION/ZIP" => "トレース",
        _ => "ファイル (" + e.MediaType + ")",
    };

    private static void Undefined(StringBuilder sb, ReportDocument doc)
    {
        sb.Append("<section id=\"undefined\"><h2>未定義のステップ (").Append(N(doc.Run.Undefined.Count)).Append(" 件)</h2>\n");
        if (doc.Run.Undefined.Count == 0)
        {
            sb.Append("<p class=\"none\">なし</p>\n");
        }

        foreach (var u in doc.Run.Undefined)
        {
            sb.Append("<article><p>").Append(H(u.FeatureName)).Append(" / ").Append(H(u.ScenarioName)).Append(": <b>").Append(H(u.Keyword)).Append(' ').Append(H(u.Text)).Append("</b></p>\n");
            foreach (var snippet in u.Snippets)
            {
                sb.Append("<pre class=\"snippet\">").Append(H(snippet)).Append("</pre>\n");
            }

            sb.Append("</article>\n");
        }

        sb.Append("</section>\n");
    }

    private static void ManualScenarios(StringBuilder sb, ReportDocument doc)
    {
        var manual = doc.Run.Scenarios.Where(s => s.Status == ScenarioStatus.Manual).ToList();
        sb.Append("<section id=\"manual\"><h2>手動確認のシナリオ (").Append(N(manual.Count)).Append(" 件)</h2>\n");
        if (manual.Count == 0)
        {
            sb.Append("<p class=\"none\">なし</p>\n");
        }
        else
        {
            sb.Append("<table><thead><tr><th>シナリオ</th><th>要件</th><th>理由</th></tr></thead><tbody>");
            foreach (var s in manual)
            {
                sb.Append("<tr").Append(AnchorAttribute(doc, s, "manual")).Append("><td>").Append(H(s.FeatureName)).Append(" / ").Append(H(s.Name)).Append("</td><td>").Append(H(string.Join(' ', s.RequirementIds)))
                  .Append("</td><td>").Append(H(s.ManualReason ?? string.Empty)).Append("</td></tr>");
            }

            sb.Append("</tbody></table>\n");
        }

        sb.Append("</section>\n");
    }

    private static void Untraced(StringBuilder sb, ReportDocument doc)
    {
        var noReq = doc.Run.Scenarios.Where(s => s.RequirementIds.Count == 0).ToList();
        var unknown = doc.Conformance.UnknownRequirementTags;
        sb.Append("<section id=\"untraced\"><h2>要件と結びつかないもの</h2>\n<h3>台帳にない要件ID (").Append(N(unknown.Count)).Append(" 件)</h3>\n");
        if (unknown.Count == 0)
        {
            sb.Append("<p class=\"none\">なし</p>\n");
        }
        else
        {
            sb.Append("<ul>");
            foreach (var (s, id) in unknown)
            {
                sb.Append("<li><b>@req:").Append(H(id)).Append("</b>: ").Append(H(s.Key)).Append("</li>");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("<h3>@req: タグのないシナリオ (").Append(N(noReq.Count)).Append(" 件)</h3>\n");
        if (noReq.Count == 0)
        {
            sb.Append("<p class=\"none\">なし</p>\n");
        }
        else
        {
            sb.Append("<ul>");
            foreach (var s in noReq)
            {
                sb.Append("<li><span class=\"badge ").Append(Css(s.Status)).Append("\">").Append(H(Label(s.Status))).Append("</span> ").Append(H(s.Key)).Append("</li>");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("</section>\n");
    }

    private static void Reproducibility(StringBuilder sb, ReportDocument doc)
    {
        sb.Append("<section id=\"reproducibility\"><h2>再現のための情報</h2>\n<table class=\"kv\"><tbody>");
        foreach (var (label, value) in doc.Reproducibility)
        {
            sb.Append("<tr><th>").Append(H(label)).Append("</th><td><code>").Append(H(value)).Append("</code></td></tr>");
        }

        sb.Append("</tbody></table>\n<h3>秘密情報の扱い</h3>\n<p>媒体型またはファイル名に ")
          .Append(H(string.Join("・", SecretPolicy.SecretWords))).Append(" を含む添付は報告書に写しません (証跡フォルダー、この文書、NDJSON の写しのいずれにも)。")
          .Append("ログとエラーメッセージでは、これらの語に「:」「=」が続く値を ").Append(H(SecretPolicy.Mask)).Append(" に置き換えます。")
          .Append("除外した添付: <b>").Append(N(doc.Run.WithheldAttachments)).Append("</b> 件。</p>\n");
        if (doc.Run.RunEvidence.Count > 0 || doc.Run.RunLogs.Count > 0)
        {
            sb.Append("<h3>実行全体の添付とログ (シナリオに属さないもの)</h3>\n");
            foreach (var e in doc.Run.RunEvidence)
            {
                Evidence(sb, e, "thumb");
            }

            if (doc.Run.RunLogs.Count > 0)
            {
                sb.Append("<pre class=\"log\">").Append(H(string.Join('\n', doc.Run.RunLogs))).Append("</pre>\n");
            }
        }

        if (doc.ExtraEvidence.Count > 0)
        {
            sb.Append("<h3>実行が残した証跡ファイル</h3>\n<ul>");
            foreach (var f in doc.ExtraEvidence)
            {
                sb.Append("<li><a href=\"").Append(H(f)).Append("\">").Append(H(f)).Append("</a></li>");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("</section>\n");
    }

    /// <summary>Each PNG once, as an SVG &lt;image&gt; the thumbnails and failure shots &lt;use&gt;: a screenshot shown in
    /// five profiles' matrices and in the failure list is embedded one time, not seven.</summary>
    private static void ImageDefinitions(StringBuilder sb, RunResults run)
    {
        var pngs = run.AllEvidence.Where(e => e.PngSize is not null).ToList();
        if (pngs.Count == 0)
        {
            return;
        }

        sb.Append("<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>\n");
        foreach (var e in pngs)
        {
            var (w, h) = e.PngSize!.Value;
            sb.Append("<image id=\"").Append(ImageId(e)).Append("\" width=\"").Append(N(w)).Append("\" height=\"").Append(N(h))
              .Append("\" href=\"").Append(H(e.DataUri)).Append("\"/>\n");
        }

        sb.Append("</defs></svg>\n");
    }

    private static string ImageId(EvidenceFile e) => "ev-" + N(e.Index);

    private static void Evidence(StringBuilder sb, EvidenceFile e, string css)
    {
        if (e.PngSize is var (w, h))
        {
            sb.Append("<figure class=\"").Append(css).Append("\"><a href=\"").Append(H(e.RelativePath)).Append("\"><svg viewBox=\"0 0 ").Append(N(w)).Append(' ').Append(N(h))
              .Append("\" role=\"img\" aria-label=\"").Append(H(e.FileName ?? e.RelativePath)).Append("\"><use href=\"#").Append(ImageId(e))
              .Append("\"/></svg></a><figcaption>").Append(H(e.RelativePath)).Append("</figcaption></figure>");
        }
        else if (e.IsImage)
        {
            sb.Append("<figure class=\"").Append(css).Append("\"><a href=\"").Append(H(e.RelativePath)).Append("\"><img src=\"").Append(H(e.DataUri))
              .Append("\" alt=\"").Append(H(e.FileName ?? e.RelativePath)).Append("\"></a><figcaption>").Append(H(e.RelativePath)).Append("</figcaption></figure>");
        }
        else
        {
            sb.Append("<div class=\"file\"><a href=\"").Append(H(e.RelativePath)).Append("\">").Append(H(e.RelativePath)).Append("</a> <small>")
              .Append(H(e.MediaType)).Append("</small></div>");
        }
    }

    /// <summary>A stacked bar: passed, failed, manual, uncovered, each labelled with its count so colour is not the only cue.</summary>
    internal static string Bar(ProfileResult p, int width)
    {
        var total = p.Requirements.Count;
        var sb = new StringBuilder();
        sb.Append("<svg class=\"bar\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(N(width)).Append("\" height=\"22\" viewBox=\"0 0 ")
          .Append(N(width)).Append(" 22\" role=\"img\" aria-label=\"").Append(H($"合格 {p.Passed}、不合格 {p.Failed}、未実装 {p.Unimplemented}、手動確認 {p.Manual}、未網羅 {p.Uncovered}")).Append("\">");
        if (total == 0)
        {
            sb.Append("<rect x=\"0\" y=\"0\" width=\"").Append(N(width)).Append("\" height=\"22\" fill=\"#eeeeee\"/>");
        }

        double x = 0;
        foreach (var (count, color) in new[] { (p.Passed, "#2e7d32"), (p.Failed, "#c62828"), (p.Unimplemented, "#6a1b9a"), (p.Manual, "#1565c0"), (p.Uncovered, "#ef6c00") })
        {
            if (count == 0 || total == 0)
            {
                continue;
            }

            var w = width * (double)count / total;
            sb.Append("<rect x=\"").Append(F(x)).Append("\" y=\"0\" width=\"").Append(F(w)).Append("\" height=\"22\" fill=\"").Append(color).Append("\"/>");
            if (w >= 14)
            {
                sb.Append("<text x=\"").Append(F(x + (w / 2))).Append("\" y=\"15\" text-anchor=\"middle\" font-size=\"12\" fill=\"#ffffff\">").Append(N(count)).Append("</text>");
            }

            x += w;
        }

        return sb.Append("</svg>").ToString();
    }

    internal static string Label(RequirementStatus s) => s switch
    {
        RequirementStatus.Passed => "合格",
        RequirementStatus.Failed => "不合格",
        RequirementStatus.Unimplemented => "未実装",
        RequirementStatus.Manual => "手動確認",
        _ => "未網羅",
    };

    internal static string Label(LedgerStatus s) => s switch
    {
        LedgerStatus.Passed => "合格",
        LedgerStatus.Failed => "不合格",
        LedgerStatus.Unimplemented => "未実装",
        LedgerStatus.Manual => "手動確認",
        _ => "未検証",
    };

    private static string Css(LedgerStatus s) => s == LedgerStatus.Unverified ? "uncovered" : s.ToString().ToLowerInvariant();

    internal static string Label(ScenarioStatus s) => s switch
    {
        ScenarioStatus.Passed => "合格",
        ScenarioStatus.Failed => "不合格",
        ScenarioStatus.Unimplemented => "未実装",
        ScenarioStatus.Manual => "手動確認",
        ScenarioStatus.Skipped => "スキップ",
        _ => "未実行",
    };

    /// <summary>The one place a scenario's anchor (<c>id="scenario-N"</c>, N its 1-based position in the run) is put: its failure,
    /// its 未実装 entry, its evidence row, or its manual row; null when the report lists it nowhere else (a passed scenario
    /// without evidence), so links to it are not made.</summary>
    internal static string? AnchorOf(ReportDocument doc, ScenarioOutcome s) => SectionOf(s) is null ? null : "scenario-" + N(IndexOf(doc.Run.Scenarios, s) + 1);

    private static string? SectionOf(ScenarioOutcome s) => s.Status switch
    {
        ScenarioStatus.Failed => "failures",
        ScenarioStatus.Unimplemented => "unimplemented",
        _ when s.Evidence.Count > 0 => "evidence",
        ScenarioStatus.Manual => "manual",
        _ => null,
    };

    private static string AnchorAttribute(ReportDocument doc, ScenarioOutcome s, string section) =>
        SectionOf(s) == section ? " id=\"" + AnchorOf(doc, s) + "\"" : string.Empty;

    private static int IndexOf(IReadOnlyList<ScenarioOutcome> scenarios, ScenarioOutcome s)
    {
        for (var i = 0; i < scenarios.Count; i++)
        {
            if (ReferenceEquals(scenarios[i], s))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Css(RequirementStatus s) => s.ToString().ToLowerInvariant();

    private static string Css(ScenarioStatus s) => s.ToString().ToLowerInvariant();

    private static int Count(RunResults run, ScenarioStatus status) => run.Scenarios.Count(s => s.Status == status);

    private static string Time(DateTimeOffset? t) =>
        t is { } v ? v.ToOffset(Jst).ToString("yyyy'年'M'月'd'日' HH:mm:ss", CultureInfo.InvariantCulture) + " (日本時間)" : "(記録なし)";

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string F(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>HTML-encodes the five characters that matter and nothing else, so quoted manual sentences stay verbatim in the file.</summary>
    internal static string H(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private const string Legend =
        "<p class=\"legend\"><span class=\"sw\" style=\"background:#2e7d32\"></span>合格 <span class=\"sw\" style=\"background:#c62828\"></span>不合格 " +
        "<span class=\"sw\" style=\"background:#6a1b9a\"></span>未実装 " +
        "<span class=\"sw\" style=\"background:#1565c0\"></span>手動確認 <span class=\"sw\" style=\"background:#ef6c00\"></span>未網羅</p>\n";

    private const string StyleSheet = """
        @page { size: A4; margin: 12mm 10mm; }
        body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Noto Serif CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 1.5em; line-height: 1.5; }
        h1 { font-size: 17pt; border-bottom: 3px solid #1a1a1a; padding-bottom: .2em; }
        h2 { font-size: 14pt; border-left: 6px solid #455a64; padding-left: .4em; margin-top: 1.6em; }
        h3 { font-size: 11.5pt; margin-bottom: .3em; }
        .meta, .rules { color: #444; }
        table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; }
        th, td { border: 1px solid #b0bec5; padding: 4px 6px; vertical-align: top; text-align: left; }
        thead th { background: #eceff1; white-space: nowrap; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        td.n { text-align: right; font-weight: bold; }
        td.n.passed { color: #2e7d32; } td.n.failed { color: #c62828; } td.n.uncovered { color: #ef6c00; } td.n.manual { color: #1565c0; } td.n.unimplemented { color: #6a1b9a; }
        blockquote { margin: .2em 0 .4em; padding: .2em .5em; border-left: 3px solid #90a4ae; background: #f7f9fa; }
        .badge { display: inline-block; padding: 0 .4em; border-radius: 3px; color: #fff; font-size: 9pt; white-space: nowrap; }
        .badge.passed { background: #2e7d32; } .badge.failed { background: #c62828; } .badge.manual { background: #1565c0; } .badge.unimplemented { background: #6a1b9a; }
        .badge.uncovered { background: #ef6c00; } .badge.skipped, .badge.notrun { background: #757575; }
        tr.uncovered td { background: #fff3e0; } tr.failed td { background: #ffebee; } tr.unimplemented td { background: #f3e5f5; }
        .uncovered-box { border: 2px solid #ef6c00; background: #fff8e1; padding: .2em .8em; margin: .6em 0; }
        .none { color: #666; }
        .why { color: #c62828; font-size: 9pt; }
        .missing { color: #6a1b9a; font-size: 9pt; }
        .reason { color: #1565c0; font-size: 9pt; }
        .legend .sw { display: inline-block; width: 1em; height: 1em; vertical-align: middle; margin: 0 .2em 0 .8em; }
        figure { display: inline-block; margin: 2px; }
        figure.shot { display: block; margin: .4em 0; }
        h2, h3 { break-after: avoid; page-break-after: avoid; }
        svg.defs { position: absolute; }
        figure.thumb img, figure.thumb svg { width: 120px; height: auto; border: 1px solid #90a4ae; display: block; }
        figure.shot img, figure.shot svg { width: 100%; max-width: 170mm; max-height: 180mm; height: auto; border: 1px solid #90a4ae; display: block; }
        table.matrix col.req { width: 12%; } table.matrix col.src { width: 36%; } table.matrix col.sc { width: 28%; }
        table.matrix col.res { width: 8%; } table.matrix col.ev { width: 16%; }
        table.ledger col.kind { width: 7%; } table.ledger col.id { width: 14%; } table.ledger col.text { width: 15%; }
        table.ledger col.src { width: 30%; } table.ledger col.sc { width: 24%; } table.ledger col.res { width: 10%; }
        .assumption { color: #ef6c00; } .no-ledger { color: #ef6c00; font-weight: bold; }
        table.evidence-list col.sc { width: 46%; } table.evidence-list col.res { width: 8%; } table.evidence-list col.ev { width: 46%; }
        div.files { font-size: 9pt; margin-top: .1em; }
        figcaption { font-size: 8pt; color: #555; }
        ul.files { margin: .2em 0 0; padding-left: 1.2em; font-size: 9pt; word-break: break-all; }
        pre { white-space: pre-wrap; word-break: break-all; background: #f5f5f5; border: 1px solid #ddd; padding: .4em; font-size: 9pt; }
        pre.message { border-color: #c62828; }
        article.failure { border-top: 1px solid #c62828; page-break-inside: avoid; }
        section.profile { page-break-before: always; }
        .id { color: #555; font-weight: normal; }
        code { font-family: "Noto Sans Mono CJK JP", monospace; }
        @media print { body { margin: 0; } a { color: inherit; text-decoration: none; } details > summary { display: none; } }

        """;
}
