using System.Security.Cryptography;
using System.Text;

namespace Harness.Reports.Integrity;

/// <summary>manifest.sha256 in the format <c>sha256sum -c</c> checks: "&lt;hex&gt;  &lt;relative path&gt;" per line,
/// every file of the output folder except the manifest itself, sorted by path (ordinal).</summary>
public static class Manifest
{
    public const string FileName = "manifest.sha256";

    public static IReadOnlyList<string> Write(string outputDir)
    {
        var root = Path.GetFullPath(outputDir);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != FileName)
            .Order(StringComparer.Ordinal)
            .ToList();
        var sb = new StringBuilder();
        foreach (var file in files)
        {
            using var stream = File.OpenRead(Path.Combine(root, file));
            sb.Append(Convert.ToHexStringLower(SHA256.HashData(stream))).Append("  ").Append(file).Append('\n');
        }

        File.WriteAllText(Path.Combine(root, FileName), sb.ToString(), new UTF8Encoding(false));
        return files;
    }
}
