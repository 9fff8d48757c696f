using System.Text;
using NUnit.Framework;
using Reqnroll;

namespace Harness.Conformance.Support;

/// <summary>
/// Evidence attached to the running scenario through Reqnroll's attachment API (<see cref="IReqnrollOutputHelper.AddAttachment"/>),
/// so it reaches the run's Cucumber Messages (and so the conformance report), Cucumber's HTML report and the NUnit test alike.
/// Reqnroll attaches files: each attachment is written under the test's work folder with the name it is shown by, and kept
/// (the formatters read it when they process the event). The file's extension gives its media type.
/// </summary>
public sealed class Evidence(IReqnrollOutputHelper output)
{
    /// <summary>The folder (under NUnit's work directory) that holds every scenario's attachment files.</summary>
    public const string FolderName = "attachments";

    public void Attach(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, FolderName, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, SafeName(fileName));
        File.WriteAllBytes(path, content);
        output.AddAttachment(path);
    }

    public void Attach(string text, string fileName) => Attach(new UTF8Encoding(false).GetBytes(text), fileName);

    /// <summary>A file name from a step's text: no path separators or control characters, at most 120 characters before the extension.</summary>
    public static string SafeName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var extension = Path.GetExtension(fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var invalid = Path.GetInvalidFileNameChars();
        var cleaned = new string([.. stem.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]);
        if (cleaned.Length > 120)
        {
            cleaned = cleaned[..120];
        }

        return (cleaned.Length == 0 ? "attachment" : cleaned) + extension;
    }
}
