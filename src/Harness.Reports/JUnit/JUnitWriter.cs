using System.Globalization;
using System.Text;
using System.Xml;
using Harness.Reports.Runs;

namespace Harness.Reports.JUnit;

/// <summary>junit.xml for CI dashboards: a testsuite per feature, a testcase per scenario (classname = feature name);
/// failed scenarios carry a &lt;failure&gt; with the failing step's message, 未実装 ones (an undefined or pending step: the
/// harness's defect, not the bank's failure) an &lt;error&gt;, manual and not-run ones a &lt;skipped&gt;.</summary>
public static class JUnitWriter
{
    public static void Write(string path, RunResults run)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var xml = XmlWriter.Create(path, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        WriteCounts(xml, "junit", run.Scenarios);
        foreach (var feature in run.Scenarios.GroupBy(s => s.FeatureName, StringComparer.Ordinal))
        {
            xml.WriteStartElement("testsuite");
            WriteCounts(xml, feature.Key, [.. feature]);
            foreach (var scenario in feature)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", feature.Key);
                xml.WriteAttributeString("name", scenario.Key[(feature.Key.Length + 3)..]);
                xml.WriteAttributeString("time", Seconds(scenario.Duration));
                switch (scenario.Status)
                {
                    case ScenarioStatus.Failed:
                        var step = scenario.FailedStep;
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", step is null ? "失敗" : $"{step.Status}: {step.Keyword} {step.Text}".Trim());
                        xml.WriteAttributeString("type", step?.Status ?? "FAILED");
                        xml.WriteString(step?.Message ?? string.Empty);
                        xml.WriteEndElement();
                        break;
                    case ScenarioStatus.Unimplemented:
                        var missing = scenario.FailedStep;
                        xml.WriteStartElement("error");
                        xml.WriteAttributeString("message", missing is null ? "未実装" : $"未実装: {missing.Status}: {missing.Keyword} {missing.Text}".Trim());
                        xml.WriteAttributeString("type", missing?.Status ?? "UNDEFINED");
                        xml.WriteString(missing?.Message ?? string.Empty);
                        xml.WriteEndElement();
                        break;
                    case ScenarioStatus.Manual:
                        xml.WriteStartElement("skipped");
                        xml.WriteAttributeString("message", "手動確認: " + scenario.ManualReason);
                        xml.WriteEndElement();
                        break;
                    case ScenarioStatus.Skipped:
                    case ScenarioStatus.NotRun:
                        xml.WriteStartElement("skipped");
                        xml.WriteAttributeString("message", scenario.Status == ScenarioStatus.NotRun ? "未実行" : "全ステップがスキップされました");
                        xml.WriteEndElement();
                        break;
                    case ScenarioStatus.Passed:
                        break;
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteCounts(XmlWriter xml, string name, IReadOnlyCollection<ScenarioOutcome> scenarios)
    {
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("tests", scenarios.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", scenarios.Count(s => s.Status == ScenarioStatus.Failed).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", scenarios.Count(s => s.Status == ScenarioStatus.Unimplemented).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", scenarios.Count(s => s.Status is not (ScenarioStatus.Passed or ScenarioStatus.Failed or ScenarioStatus.Unimplemented)).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", Seconds(scenarios.Aggregate(TimeSpan.Zero, (t, s) => t + s.Duration)));
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
