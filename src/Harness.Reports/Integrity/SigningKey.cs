using System.Security.Cryptography;
using System.Text;

namespace Harness.Reports.Integrity;

/// <summary>
/// The user's private key for signing manifest.sha256: an unencrypted PEM file holding an RSA (2048 bits or more) or an
/// ECDSA (P-256, P-384, P-521) private key, as <c>openssl genpkey</c> / <c>openssl ecparam -genkey</c> write them
/// (labels <c>PRIVATE KEY</c>, <c>RSA PRIVATE KEY</c>, <c>EC PRIVATE KEY</c>). The signature is over the manifest's bytes
/// with SHA-256: RSA PKCS#1 v1.5, ECDSA as a DER sequence, which is what
/// <c>openssl dgst -sha256 -verify manifest.sha256.pub.pem -signature manifest.sha256.sig manifest.sha256</c> checks.
/// A key that cannot be used throws <see cref="ReportException"/> with a Japanese message (the CLI exits 2).
/// </summary>
public sealed class SigningKey : IDisposable
{
    private const int MinimumRsaBits = 2048;

    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;

    private SigningKey(RSA? rsa, ECDsa? ecdsa)
    {
        _rsa = rsa;
        _ecdsa = ecdsa;
        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)rsa ?? ecdsa!;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem() + "\n";
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        Algorithm = rsa is not null
            ? $"RSA-{rsa.KeySize} PKCS#1 v1.5 SHA-256"
            : $"ECDSA P-{ecdsa!.KeySize} SHA-256";
    }

    /// <summary>E.g. <c>RSA-3072 PKCS#1 v1.5 SHA-256</c> or <c>ECDSA P-256 SHA-256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The public key (SubjectPublicKeyInfo) as PEM, written next to the signature.</summary>
    public string PublicKeyPem { get; }

    /// <summary>SHA-256 of the public key's DER (SubjectPublicKeyInfo), hex: the same as
    /// <c>openssl pkey -pubin -in manifest.sha256.pub.pem -outform DER | sha256sum</c>.</summary>
    public string Fingerprint { get; }

    public static SigningKey Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ReportException($"署名の鍵 {path} がありません。PEM 形式の RSA か ECDSA の秘密鍵のファイルを指定してください (例: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out 署名鍵.pem)。", ex);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new ReportException($"署名の鍵 {path} を読めません ({ex.Message})。ファイルの読み取り権限を確かめてください。", ex);
        }

        var labels = PemLabels(text);
        if (labels.Contains("ENCRYPTED PRIVATE KEY") || text.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            throw new ReportException($"署名の鍵 {path} はパスフレーズで暗号化されています。暗号化していない鍵を渡してください (例: openssl pkey -in {path} -out 平文の鍵.pem)。");
        }

        if (labels.Contains("OPENSSH PRIVATE KEY"))
        {
            throw new ReportException($"署名の鍵 {path} は OpenSSH 形式です。PEM (PKCS#8) に変えてください (例: ssh-keygen -p -m PKCS8 -f {path})。");
        }

        var privateLabels = labels.Where(l => l is "PRIVATE KEY" or "RSA PRIVATE KEY" or "EC PRIVATE KEY").ToList();
        if (privateLabels.Count == 0)
        {
            var found = labels.Count == 0 ? "PEM のブロックがありません" : "含まれているのは " + string.Join(", ", labels.Select(l => $"「{l}」")) + " です";
            var hint = labels.Any(l => l.Contains("PUBLIC KEY", StringComparison.Ordinal) || l == "CERTIFICATE") ? " (公開鍵や証明書では署名できません)" : string.Empty;
            throw new ReportException($"署名の鍵 {path} は PEM 形式の RSA か ECDSA の秘密鍵ではありません: {found}{hint}。");
        }

        if (privateLabels.Count > 1)
        {
            throw new ReportException($"署名の鍵 {path} に秘密鍵が {privateLabels.Count} 個あります。一つだけにしてください。");
        }

        return privateLabels[0] switch
        {
            "RSA PRIVATE KEY" => FromRsa(path, text),
            "EC PRIVATE KEY" => FromEcdsa(path, text),
            _ => FromRsaOrNull(text) is { } rsa ? Checked(path, rsa) : FromEcdsa(path, text),
        };
    }

    /// <summary>The signature of <paramref name="data"/> (SHA-256; RSA PKCS#1 v1.5 or ECDSA DER).</summary>
    public byte[] Sign(byte[] data) =>
        _rsa is not null
            ? _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : _ecdsa!.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose()
    {
        _rsa?.Dispose();
        _ecdsa?.Dispose();
    }

    /// <summary>Checks a signature with a public key PEM (RSA or ECDSA), as an auditor would with openssl.</summary>
    public static bool Verify(byte[] data, byte[] signature, string publicKeyPem)
    {
        ArgumentNullException.ThrowIfNull(publicKeyPem);
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(publicKeyPem);
            return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
        }

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(publicKeyPem);
        return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static List<string> PemLabels(string text)
    {
        var labels = new List<string>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            labels.Add(rest[fields.Label].ToString());
            rest = rest[fields.Location.End..];
        }

        // PemEncoding skips blocks it cannot decode (e.g. with RFC 1421 headers); keep their labels for the messages.
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("-----BEGIN ", StringComparison.Ordinal) && trimmed.EndsWith("-----", StringComparison.Ordinal) && trimmed.Length > 16)
            {
                var label = trimmed["-----BEGIN ".Length..^"-----".Length];
                if (!labels.Contains(label))
                {
                    labels.Add(label);
                }
            }
        }

        return labels;
    }

    private static RSA? FromRsaOrNull(string text)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(text);
            return rsa;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            return null;
        }
    }

    private static SigningKey FromRsa(string path, string text) =>
        FromRsaOrNull(text) is { } rsa ? Checked(path, rsa) : throw Unreadable(path, "RSA");

    private static SigningKey Checked(string path, RSA rsa)
    {
        if (rsa.KeySize < MinimumRsaBits)
        {
            var bits = rsa.KeySize;
            rsa.Dispose();
            throw new ReportException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"署名の鍵 {path} は {bits} ビットの RSA 鍵で、短すぎます。{MinimumRsaBits} ビット以上の RSA か ECDSA (P-256 以上) の鍵を使ってください。"));
        }

        return new SigningKey(rsa, null);
    }

    private static SigningKey FromEcdsa(string path, string text)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(text);
            return new SigningKey(null, ecdsa);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            ecdsa.Dispose();
            throw Unreadable(path, "RSA・ECDSA", ex);
        }
    }

    private static ReportException Unreadable(string path, string kind, Exception? inner = null)
    {
        var message = $"署名の鍵 {path} を {kind} の秘密鍵として読めません (中身が壊れているか、使えない種類の鍵です。Ed25519 などは使えません)。";
        return inner is null ? new ReportException(message) : new ReportException(message, inner);
    }
}
