using System.Security.Cryptography;
using System.Text;

namespace Harness.Reports.Integrity;

/// <summary>manifest.sha256 in the format <c>sha256sum -c</c> checks: "&lt;hex&gt;  &lt;relative path&gt;" per line,
/// every file of the output folder except the manifest itself, sorted by path (ordinal).</summary>
public static class Manifest
{
    public const string FileName = "manifest.sha256";

    /// <summary>The signature of manifest.sha256 (when the user gave a key): binary, as <c>openssl dgst -sign</c> writes it.</summary>
    public const string SignatureFile = "manifest.sha256.sig";

    /// <summary>The public key that checks <see cref="SignatureFile"/> (SubjectPublicKeyInfo PEM).</summary>
    public const string PublicKeyFile = "manifest.sha256.pub.pem";

    public static IReadOnlyList<string> Write(string outputDir)
    {
        var root = Path.GetFullPath(outputDir);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f is not (FileName or SignatureFile or PublicKeyFile))
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

    /// <summary>Signs the written manifest: <see cref="SignatureFile"/> and <see cref="PublicKeyFile"/> next to it
    /// (neither is listed in the manifest; the signature covers the manifest, the manifest every other file).</summary>
    public static IReadOnlyList<string> Sign(string outputDir, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var root = Path.GetFullPath(outputDir);
        var manifest = File.ReadAllBytes(Path.Combine(root, FileName));
        File.WriteAllBytes(Path.Combine(root, SignatureFile), key.Sign(manifest));
        File.WriteAllText(Path.Combine(root, PublicKeyFile), key.PublicKeyPem, new UTF8Encoding(false));
        return [SignatureFile, PublicKeyFile];
    }

    /// <summary>Whether <see cref="SignatureFile"/> is a valid signature of the folder's manifest by <paramref name="publicKeyPem"/>
    /// (the auditor's own copy of the key, not the one in the folder, to be meaningful).</summary>
    public static bool VerifySignature(string outputDir, string publicKeyPem)
    {
        var root = Path.GetFullPath(outputDir);
        return SigningKey.Verify(File.ReadAllBytes(Path.Combine(root, FileName)), File.ReadAllBytes(Path.Combine(root, SignatureFile)), publicKeyPem);
    }
}
