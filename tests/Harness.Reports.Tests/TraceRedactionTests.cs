using System.IO.Compression;
using System.Text;
using Harness.Reports.Runs;

namespace Harness.Reports.Tests;

/// <summary>A Playwright trace of a failed screen scenario records the values the browser typed and posted (seen in a real
/// failing run: the <c>fill</c> of ログインパスワード, the form post, its body). The report keeps the trace with those values masked.</summary>
public sealed class TraceRedactionTests
{
    private const string Password = "Pass-akita1";
    private const string Confirmation = "kakunin1";

    private static readonly string TraceAction =
        "{\"type\":\"before\",\"callId\":\"c@14\",\"method\":\"fill\",\"params\":{\"selector\":\"internal:label=\\\"ログインパスワード\\\"s\",\"value\":\"" + Password + "\",\"strict\":true}}\n" +
        "{\"type\":\"before\",\"callId\":\"c@15\",\"method\":\"fill\",\"params\":{\"selector\":\"internal:label=\\\"ログインID\\\"s\",\"value\":\"akitac1\",\"strict\":true}}\n" +
        "{\"type\":\"log\",\"callId\":\"c@14\",\"message\":\"  fill(\\\"" + Password + "\\\")\"}\n" +
        "{\"snapshot\":[\"INPUT\",{\"__playwright_value_\":\"" + Password + "\",\"id\":\"password\",\"type\":\"password\"}]}\n";

    private static readonly string TraceNetwork =
        "{\"postData\":{\"mimeType\":\"application/x-www-form-urlencoded\",\"text\":\"__token=abc&loginId=akitac1&password=" + Password + "&channel=pc\"," +
        "\"params\":[{\"name\":\"loginId\",\"value\":\"akitac1\"},{\"name\":\"password\",\"value\":\"" + Password + "\"}]}," +
        "\"json\":\"{\\\"confirmationPassword\\\":\\\"" + Confirmation + "\\\",\\\"amount\\\":\\\"1000\\\"}\"}\n";

    private static readonly string Resource = "__token=abc&loginId=akitac1&password=" + Password + "&channel=pc";

    private Fixture _f = null!;

    [SetUp]
    public void SetUp() => _f = new Fixture();

    [TearDown]
    public void TearDown() => _f.Dispose();

    [Test]
    public void Text_entries_lose_password_values_and_keep_the_rest()
    {
        var masked = Uri.EscapeDataString(SecretPolicy.Mask);
        Assert.That(ZipRedaction.RedactText(TraceAction), Is.EqualTo(
            "{\"type\":\"before\",\"callId\":\"c@14\",\"method\":\"fill\",\"params\":{\"selector\":\"internal:label=\\\"ログインパスワード\\\"s\",\"value\":\"[伏せ字]\",\"strict\":true}}\n" +
            "{\"type\":\"before\",\"callId\":\"c@15\",\"method\":\"fill\",\"params\":{\"selector\":\"internal:label=\\\"ログインID\\\"s\",\"value\":\"akitac1\",\"strict\":true}}\n" +
            "{\"type\":\"log\",\"callId\":\"c@14\",\"message\":\"  fill(\\\"[伏せ字]\\\")\"}\n" +
            "{\"snapshot\":[\"INPUT\",{\"__playwright_value_\":\"[伏せ字]\",\"id\":\"password\",\"type\":\"password\"}]}\n"));
        Assert.That(ZipRedaction.RedactText(TraceNetwork), Is.EqualTo(
            "{\"postData\":{\"mimeType\":\"application/x-www-form-urlencoded\",\"text\":\"__token=abc&loginId=akitac1&password=" + masked + "&channel=pc\"," +
            "\"params\":[{\"name\":\"loginId\",\"value\":\"akitac1\"},{\"name\":\"password\",\"value\":\"[伏せ字]\"}]}," +
            "\"json\":\"{\\\"confirmationPassword\\\":\\\"[伏せ字]\\\",\\\"amount\\\":\\\"1000\\\"}\"}\n"));
        Assert.That(ZipRedaction.RedactText(Resource), Is.EqualTo("__token=abc&loginId=akitac1&password=" + masked + "&channel=pc"));
    }

    [Test]
    public async Task A_trace_attachment_reaches_evidence_and_the_ndjson_copy_without_the_passwords()
    {
        var png = Convert.FromBase64String(RunBuilder.PngBase64);
        var trace = Zip(("trace.trace", Encoding.UTF8.GetBytes(TraceAction)), ("trace.network", Encoding.UTF8.GetBytes(TraceNetwork)),
            ("resources/0a1b.dat", Encoding.UTF8.GetBytes(Resource)), ("resources/page@1.png", png));
        new RunBuilder().Add(new ScenarioSpec("連続誤入力", "10回連続で誤るとログインできない", ["@req:AKT-07", "@bank:akita", "@ui"],
            [StepSpec.Failed("ならば", "ログインできない", Fixture.FailureMessage)])
        {
            Attachments = [new AttachmentSpec(0, "application/zip", "trace-0123.zip", Convert.ToBase64String(trace), true)],
        }).WriteTo(_f.MessagesPath);

        await ReportGenerator.GenerateAsync(_f.Input());

        var evidence = Path.Combine(_f.OutputDir, "evidence", "001-trace-0123.zip");
        var entries = Entries(await File.ReadAllBytesAsync(evidence));
        Assert.That(entries.Keys, Is.EqualTo(new[] { "trace.trace", "trace.network", "resources/0a1b.dat", "resources/page@1.png" }));
        Assert.That(Encoding.UTF8.GetString(entries["trace.trace"]), Is.EqualTo(ZipRedaction.RedactText(TraceAction)));
        Assert.That(Encoding.UTF8.GetString(entries["resources/0a1b.dat"]), Does.Contain("loginId=akitac1&password=%5B"));
        Assert.That(entries["resources/page@1.png"], Is.EqualTo(png), "binary entries are kept as they are");
        Assert.That(SecretScanner.Find(_f.OutputDir, [Password, Confirmation]), Is.Empty);
        Assert.That(SecretScanner.Find(_f.Dir, [Password, Confirmation]), Is.EqualTo(new[] { $"run.ndjson: {Password}", $"run.ndjson: {Confirmation}" }),
            "the scanner sees them in the run's own NDJSON (outside the report)");
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }

    private static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            return copy.ToArray();
        });
    }
}
