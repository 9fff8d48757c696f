using System.Diagnostics;
using System.Xml.Linq;
using Harness.Gherkin.Formatters;
using NUnit.Framework;

namespace Harness.Gherkin.Tests;

/// <summary>The QA sample (outline, tables, doc string, background, rule, tags, one undefined step) run the way QA runs it:
/// <c>dotnet test</c> on its own project. Exactly the undefined scenario fails, with its snippet, and the NDJSON of the run
/// parses line by line with real step durations.</summary>
[NonParallelizable]
public sealed class QaSampleUnderDotnetTestTests
{
    [Test]
    public async Task The_sample_runs_under_dotnet_test_with_one_failure_carrying_the_snippet()
    {
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("qa-sample-");
        try
        {
            var messages = Path.Combine(work.FullName, "messages.ndjson");
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { "test", Path.Combine(root, "tests", "Harness.Gherkin.QaSample", "Harness.Gherkin.QaSample.csproj"), "--nologo", "--logger", "trx;LogFileName=qa.trx", "--results-directory", work.FullName },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = root,
            };
            start.Environment["HARNESS_MESSAGES_PATH"] = messages;
            var wall = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(guard.Token);
            wall.Stop();
            var output = await stdout + await stderr;

            Assert.That(process.ExitCode, Is.EqualTo(1), output);
            XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
            var results = XDocument.Load(Path.Combine(work.FullName, "qa.trx")).Descendants(ns + "UnitTestResult")
                .Select(r => (Name: (string)r.Attribute("testName")!, Outcome: (string)r.Attribute("outcome")!, Message: (string?)r.Descendants(ns + "Message").FirstOrDefault()))
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .ToList();
            Assert.That(results.Select(r => (r.Name, r.Outcome)), Is.EqualTo(new[]
            {
                ("振込限度額 / お知らせメール", "Failed"),
                ("振込限度額 / 複数の振込", "Passed"),
                ("振込限度額 / 限度額の境界 [200000, 成功]", "Passed"),
                ("振込限度額 / 限度額の境界 [200001, 拒否]", "Passed"),
                ("振込限度額 / 限度額以内の振込", "Passed"),
            }));
            Assert.That(results[0].Message, Does.Contain("未定義のステップです: 「かつ 残高照会の画面に 3 件の明細が \"新しい順\" で並ぶ」"));
            Assert.That(results[0].Message, Does.Contain("[Then(\"残高照会の画面に {int} 件の明細が {string} で並ぶ\")]\npublic void Then残高照会の画面に件の明細がで並ぶ(int p0, string p1)"));

            var envelopes = MessageSerializer.ReadAll(messages).ToList();
            Assert.That(envelopes.Count(e => e.TestCaseFinished is not null), Is.EqualTo(5));
            Assert.That(envelopes.Count(e => e.Suggestion is not null), Is.EqualTo(1));
            var durations = envelopes.Where(e => e.TestStepFinished is not null)
                .Select(e => Cucumber.Messages.Converters.ToTimeSpan(e.TestStepFinished.TestStepResult.Duration)).ToList();
            Assert.That(durations, Has.Count.EqualTo(21), "the 21 steps of the five pickles; the sample has no hooks");
            Assert.That(durations.Sum(d => d.Ticks), Is.GreaterThan(0).And.LessThan(wall.Elapsed.Ticks), "measured, and within the run's wall time");
            Assert.That(envelopes[^1].TestRunFinished?.Success, Is.EqualTo(false));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Test]
    public async Task A_tag_filter_selects_the_pickles_that_carry_the_tag()
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "test", Path.Combine(root, "tests", "Harness.Gherkin.QaSample", "Harness.Gherkin.QaSample.csproj"), "--nologo", "--filter", "TestCategory=edge" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        start.Environment["HARNESS_MESSAGES_PATH"] = Path.Combine(Path.GetTempPath(), $"qa-filter-{Guid.NewGuid():N}.ndjson");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(guard.Token);
        var output = await stdout + await stderr;
        File.Delete(start.Environment["HARNESS_MESSAGES_PATH"]!);

        Assert.That(process.ExitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("Passed!  - Failed:     0, Passed:     2, Skipped:     0, Total:     2"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln が見つかりません。");
    }
}
