using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;

namespace Harness.Mutants.Tests;

/// <summary>
/// Changing one manual wording in the bank alone (a button, a title, a label, a message, a message code, a mail sender)
/// turns that bank's scenarios red, and the suite names the wording it found changed: each scenario logs the ledger items it
/// checked and the ones that did not match (「マニュアルの記載: …」), and the changed one must be among them. One run judges up
/// to one mutant per bank; every failing scenario must be one of a mutated bank, failing on the changed wording.
/// </summary>
[NonParallelizable]
[Category("mutants")]
public sealed class WordingMutantTests
{
    /// <summary>Where each mutant's wording is checked: a few scenarios of its bank, enough to reach the screen, mail or message.</summary>
    private static readonly Dictionary<string, string> Where = new(StringComparer.Ordinal)
    {
        ["kyoei-activate-button"] = "TestCategory=bank:kyoei&TestCategory=ui&TestCategory=req:KYO-06",
        ["akita-activate-button"] = "TestCategory=bank:akita&TestCategory=ui&TestCategory=req:AKT-06",
        ["aomori-deactivate-button"] = "TestCategory=bank:aomori&TestCategory=ui&TestCategory=req:AOM-15",
        ["komatsugawa-login-id-label"] = "TestCategory=bank:komatsugawa&TestCategory=ui&TestCategory=req:KMG-04",
        ["shinkin-message-code"] = "TestCategory=bank:shinkin&TestCategory=req:SKN-05",
        ["kyoei-login-otp-button"] = "TestCategory=bank:kyoei&TestCategory=ui&TestCategory=req:KYO-07",
        ["akita-application-sender"] = "TestCategory=bank:akita&TestCategory=req:AKT-03",
        ["aomori-application-title"] = "TestCategory=bank:aomori&TestCategory=ui&TestCategory=req:AOM-19",
        ["komatsugawa-stop-message"] = "TestCategory=bank:komatsugawa&TestCategory=req:KMG-05",
        ["kyoei-mail-password-sender"] = "TestCategory=bank:kyoei&TestCategory=api&TestCategory=req:KYO-09",
        ["akita-mail-password-next"] = "TestCategory=bank:akita&TestCategory=ui&TestCategory=req:AKT-09",
        ["aomori-lock-message"] = "TestCategory=bank:aomori&TestCategory=api&TestCategory=req:X-04",
        ["aomori-software-keyboard-link"] = "TestCategory=bank:aomori&TestCategory=ui&TestCategory=req:AOM-07",
        ["kyoei-activation-password-note"] = "TestCategory=bank:kyoei&TestCategory=ui&TestCategory=req:KYO-04",
        ["kyoei-mail-password-destination"] = "TestCategory=bank:kyoei&TestCategory=ui&TestCategory=req:KYO-09",
        ["shinkin-return-button"] = "TestCategory=bank:shinkin&TestCategory=ui&TestCategory=req:SKN-05",
    };

    /// <summary>The mutated ledger id of each mutant (from the suite's own table, Support/Mutants.Wordings.cs).</summary>
    private static readonly Dictionary<string, (string Bank, string LedgerId)> Changed = new(StringComparer.Ordinal)
    {
        ["kyoei-activate-button"] = ("kyoei", "利用開始.ボタン"),
        ["akita-activate-button"] = ("akita", "利用開始.ボタン"),
        ["aomori-deactivate-button"] = ("aomori", "利用解除.ボタン"),
        ["komatsugawa-login-id-label"] = ("komatsugawa", "ログイン.ログインID"),
        ["shinkin-message-code"] = ("shinkin", "メッセージコード.VIP利用登録完了"),
        ["kyoei-login-otp-button"] = ("kyoei", "OTP認証.ボタン"),
        ["akita-application-sender"] = ("akita", "メール.受付確認.送信元"),
        ["aomori-application-title"] = ("aomori", "申請内容選択.画面名"),
        ["komatsugawa-stop-message"] = ("komatsugawa", "メッセージ.VIP利用停止完了"),
        ["kyoei-mail-password-sender"] = ("kyoei", "メール.メール通知パスワード.送信元"),
        ["akita-mail-password-next"] = ("akita", "利用変更入力.ボタン"),
        ["aomori-lock-message"] = ("aomori", "メッセージ.ワンタイムパスワード停止"),
        ["aomori-software-keyboard-link"] = ("aomori", "ソフト発行入力.ソフトウェアキーボード"),
        ["kyoei-mail-password-destination"] = ("kyoei", "利用変更入力.送信先"),
        ["kyoei-activation-password-note"] = ("kyoei", "ソフト発行入力.利用開始パスワードの説明"),
        ["shinkin-return-button"] = ("shinkin", "VIP利用登録完了.ログイン画面に戻る"),
    };

    [Test]
    public Task Buttons_a_label_and_a_message_code_changed_in_five_banks_are_caught() =>
        CaughtAsync("kyoei-activate-button", "akita-activate-button", "aomori-deactivate-button", "komatsugawa-login-id-label", "shinkin-message-code");

    [Test]
    public Task A_button_a_sender_a_title_and_a_completion_message_changed_are_caught() =>
        CaughtAsync("kyoei-login-otp-button", "akita-application-sender", "aomori-application-title", "komatsugawa-stop-message");

    [Test]
    public Task A_sender_a_button_and_a_lock_notice_changed_are_caught() =>
        CaughtAsync("kyoei-mail-password-sender", "akita-mail-password-next", "aomori-lock-message");

    /// <summary>Wordings no step or driver looks up (a link beside a password input, a field's label, a completion's button):
    /// only the check of every screen a @ui scenario reaches against the ledger as a whole sees them.</summary>
    [Test]
    public Task A_link_a_label_and_a_button_only_the_screen_check_sees_changed_are_caught() =>
        CaughtAsync("aomori-software-keyboard-link", "kyoei-mail-password-destination", "shinkin-return-button");

    [Test]
    public Task A_note_on_a_screen_that_is_two_steps_of_the_ledger_under_one_title_is_caught() =>
        CaughtAsync("kyoei-activation-password-note");

    private static async Task CaughtAsync(params string[] mutants)
    {
        var scenarios = await RunAsync(mutants);
        Assert.That(scenarios, Is.Not.Empty, "scenarios ran");
        foreach (var mutant in mutants)
        {
            var (bank, id) = Changed[mutant];
            var ofBank = scenarios.Where(s => s.Bank == bank).ToList();
            Assert.That(ofBank.Where(s => s.Failed.Contains(id)).Select(s => s.Bank), Is.Not.Empty,
                $"{mutant}: a scenario of {bank} noticed 「{id}」 changed; the scenarios logged:\n{string.Join('\n', ofBank.Select(s => $"{s.Status} checked=[{string.Join(", ", s.Checked)}] failed=[{string.Join(", ", s.Failed)}]"))}");
        }

        var wrong = scenarios
            .Where(s => s.Status != "PASSED" && !mutants.Any(m => Changed[m].Bank == s.Bank && s.Failed.Contains(Changed[m].LedgerId)))
            .Select(s => $"{s.Bank} {s.Status} failed=[{string.Join(", ", s.Failed)}]")
            .ToList();
        Assert.That(wrong, Is.Empty, "every scenario that did not pass failed on its bank's changed wording");
    }

    private sealed record Scenario(string Bank, string Status, IReadOnlyList<string> Checked, IReadOnlyList<string> Failed);

    /// <summary>Runs the scenarios of the mutants under all of them at once and reads, per scenario, its result and its
    /// 「マニュアルの記載」 log line from Reqnroll's messages.</summary>
    private static async Task<IReadOnlyList<Scenario>> RunAsync(string[] mutants)
    {
        var root = Repository.Root();
        var results = Directory.CreateTempSubdirectory("wording-");
        try
        {
            var messages = Path.Combine(results.FullName, "messages.ndjson");
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    "test", Path.Combine(root, "tests", "Harness.Conformance", "Harness.Conformance.csproj"), "--no-build", "--nologo",
                    "--filter", string.Join('|', mutants.Select(m => "(" + Where[m] + ")")), "--results-directory", results.FullName,
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = root,
            };
            start.Environment["HARNESS_BANK_MUTANT"] = string.Join(',', mutants);
            start.Environment["HARNESS_CONTAINERS"] = "0";
            start.Environment["REQNROLL_FORMATTERS_MESSAGE"] = "outputFilePath=" + messages;
            start.Environment["REQNROLL_TELEMETRY_ENABLED"] = "0";
            start.Environment["DOTNET_SYSTEM_IO_DISABLEFILELOCKING"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(guard.Token);
            var output = await stdout + await stderr;
            Assert.That(File.Exists(messages), Is.EqualTo(true), "the suite ran and wrote its messages:\n" + output);
            return Read(File.ReadAllLines(messages));
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }

    /// <summary>Per test case: the worst step status and the ledger log line (scenarios that checked nothing log none).</summary>
    private static List<Scenario> Read(string[] lines)
    {
        var logs = new Dictionary<string, (string Bank, List<string> Checked, List<string> Failed)>(StringComparer.Ordinal);
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.TryGetProperty("attachment", out var attachment)
                && attachment.GetProperty("body").GetString() is { } body
                && body.StartsWith("マニュアルの記載: ", StringComparison.Ordinal))
            {
                using var log = JsonDocument.Parse(body["マニュアルの記載: ".Length..]);
                logs[attachment.GetProperty("testCaseStartedId").GetString()!] = (
                    log.RootElement.GetProperty("bank").GetString()!,
                    [.. log.RootElement.GetProperty("checked").EnumerateArray().Select(e => e.GetString()!)],
                    [.. log.RootElement.GetProperty("failed").EnumerateArray().Select(e => e.GetString()!)]);
            }
            else if (root.TryGetProperty("testStepFinished", out var step))
            {
                var id = step.GetProperty("testCaseStartedId").GetString()!;
                var status = step.GetProperty("testStepResult").GetProperty("status").GetString()!;
                if (!statuses.TryGetValue(id, out var was) || was == "PASSED")
                {
                    statuses[id] = status;
                }
            }
        }

        // A test case that logged nothing (it failed before checking any wording) still counts, as a scenario of no bank.
        return [.. statuses.Select(s => logs.TryGetValue(s.Key, out var l)
            ? new Scenario(l.Bank, s.Value, l.Checked, l.Failed)
            : new Scenario("(記録なし)", s.Value, [], []))];
    }
}
