using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Harness.Reports.Integrity;

namespace Harness.Reports.Tests;

/// <summary>manifest.sha256 signed with the user's key: checkable with .NET and with <c>openssl dgst -verify</c>, a changed
/// manifest fails both, and a key that cannot be used stops the report with a Japanese message before anything is written.</summary>
public sealed class SigningTests
{
    private Fixture _f = null!;

    [SetUp]
    public void SetUp()
    {
        _f = new Fixture();
        Fixture.StandardRun().WriteTo(_f.MessagesPath);
    }

    [TearDown]
    public void TearDown() => _f.Dispose();

    public static IEnumerable<TestCaseData> Keys()
    {
        yield return new TestCaseData("PRIVATE KEY", "RSA-3072 PKCS#1 v1.5 SHA-256").SetName("An RSA PKCS#8 key signs a manifest openssl verifies");
        yield return new TestCaseData("EC PRIVATE KEY", "ECDSA P-256 SHA-256").SetName("An ECDSA SEC1 key signs a manifest openssl verifies");
    }

    [TestCaseSource(nameof(Keys))]
    public async Task A_signed_manifest_verifies_with_dotnet_and_openssl_and_a_changed_one_does_not(string label, string algorithm)
    {
        var (keyPem, publicPem) = label == "PRIVATE KEY" ? RsaKey() : EcKey();
        Assert.That(keyPem, Does.StartWith($"-----BEGIN {label}-----"));
        var keyPath = Path.Combine(_f.Dir, "署名鍵.pem");
        await File.WriteAllTextAsync(keyPath, keyPem);

        var summary = await ReportGenerator.GenerateAsync(_f.Input() with { SignKeyPath = keyPath });

        Assert.That(summary.Files.TakeLast(3), Is.EqualTo(new[] { "manifest.sha256", "manifest.sha256.sig", "manifest.sha256.pub.pem" }));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, Manifest.PublicKeyFile)), Is.EqualTo(publicPem + "\n"));
        Assert.That(Manifest.VerifySignature(_f.OutputDir, publicPem), Is.EqualTo(true));
        Assert.That(await OpenSslVerifyAsync(_f.OutputDir), Is.EqualTo((0, "Verified OK\n")));

        using (var run = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.RunFile))))
        {
            var signature = run.RootElement.GetProperty("manifestSignature");
            Assert.That(signature.GetProperty("signature").GetString(), Is.EqualTo("manifest.sha256.sig"));
            Assert.That(signature.GetProperty("publicKey").GetString(), Is.EqualTo("manifest.sha256.pub.pem"));
            Assert.That(signature.GetProperty("algorithm").GetString(), Is.EqualTo(algorithm));
            Assert.That(signature.GetProperty("publicKeyFingerprint").GetString(), Is.EqualTo(await OpenSslFingerprintAsync(_f.OutputDir)));
        }

        var manifest = Path.Combine(_f.OutputDir, Manifest.FileName);
        var lines = await File.ReadAllLinesAsync(manifest);
        lines[0] = new string('0', 64) + lines[0][64..];
        await File.WriteAllTextAsync(manifest, string.Join('\n', lines) + "\n");

        Assert.That(Manifest.VerifySignature(_f.OutputDir, publicPem), Is.EqualTo(false));
        Assert.That(await OpenSslVerifyAsync(_f.OutputDir), Is.EqualTo((1, "Verification failure\n")));
    }

    [Test]
    public async Task A_key_made_by_openssl_genpkey_is_accepted()
    {
        var keyPath = Path.Combine(_f.Dir, "ec.pem");
        var (code, _, output) = await OpenSslAsync(_f.Dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", keyPath);
        Assert.That(code, Is.EqualTo(0), output);

        await ReportGenerator.GenerateAsync(_f.Input() with { SignKeyPath = keyPath });

        Assert.That(await OpenSslVerifyAsync(_f.OutputDir), Is.EqualTo((0, "Verified OK\n")));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.HtmlFile)), Does.Contain("<th>manifest.sha256 の署名</th><td><code>manifest.sha256.sig (ECDSA P-384 SHA-256)。"));
    }

    [Test]
    public async Task An_unsigned_report_says_so_and_writes_no_signature()
    {
        var summary = await ReportGenerator.GenerateAsync(_f.Input());

        Assert.That(summary.Files, Does.Not.Contain(Manifest.SignatureFile));
        Assert.That(File.Exists(Path.Combine(_f.OutputDir, Manifest.SignatureFile)), Is.EqualTo(false));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(_f.OutputDir, ReportGenerator.HtmlFile)), Does.Contain("<th>manifest.sha256 の署名</th><td><code>(署名なし: --sign-key を指定すると署名します)</code>"));
    }

    [Test]
    public async Task The_report_command_signs_and_prints_how_to_check()
    {
        var keyPath = Path.Combine(_f.Dir, "key.pem");
        await File.WriteAllTextAsync(keyPath, EcKey().Private);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ReportCommand.InvokeAsync(["report", _f.MessagesPath, "--out", _f.OutputDir, "--requirements", _f.RequirementsPath, "--no-pdf", "--sign-key", keyPath], output, error);

        Assert.That((code, error.ToString()), Is.EqualTo((ReportCommand.Failures, string.Empty)));
        Assert.That(output.ToString(), Does.EndWith(
            $"署名: manifest.sha256.sig (確かめ方: cd {_f.OutputDir} && openssl dgst -sha256 -verify manifest.sha256.pub.pem -signature manifest.sha256.sig manifest.sha256 && sha256sum -c manifest.sha256)\n"));
        Assert.That(await OpenSslVerifyAsync(_f.OutputDir), Is.EqualTo((0, "Verified OK\n")));
    }

    public static IEnumerable<TestCaseData> BadKeys()
    {
        yield return new TestCaseData(null, " がありません。PEM 形式の RSA か ECDSA の秘密鍵のファイルを指定してください (例: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out 署名鍵.pem)。")
            .SetName("A missing key file is named");
        yield return new TestCaseData(EcKey().Public, " は PEM 形式の RSA か ECDSA の秘密鍵ではありません: 含まれているのは 「PUBLIC KEY」 です (公開鍵や証明書では署名できません)。")
            .SetName("A public key is refused");
        yield return new TestCaseData("これは鍵ではありません\n", " は PEM 形式の RSA か ECDSA の秘密鍵ではありません: PEM のブロックがありません。")
            .SetName("A file that is not PEM is refused");
        yield return new TestCaseData(EncryptedKey(), " はパスフレーズで暗号化されています。暗号化していない鍵を渡してください (例: openssl pkey -in {key} -out 平文の鍵.pem)。")
            .SetName("An encrypted key is refused");
        yield return new TestCaseData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n", " は OpenSSH 形式です。PEM (PKCS#8) に変えてください (例: ssh-keygen -p -m PKCS8 -f {key})。")
            .SetName("An OpenSSH key is refused");
        yield return new TestCaseData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", " を RSA・ECDSA の秘密鍵として読めません (中身が壊れているか、使えない種類の鍵です。Ed25519 などは使えません)。")
            .SetName("A broken private key is refused");
        yield return new TestCaseData(ShortRsaKey(), " は 1024 ビットの RSA 鍵で、短すぎます。2048 ビット以上の RSA か ECDSA (P-256 以上) の鍵を使ってください。")
            .SetName("A short RSA key is refused");
    }

    [TestCaseSource(nameof(BadKeys))]
    public async Task A_key_that_cannot_be_used_exits_2_before_anything_is_written(string? content, string expected)
    {
        var keyPath = Path.Combine(_f.Dir, "key.pem");
        if (content is not null)
        {
            await File.WriteAllTextAsync(keyPath, content);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ReportCommand.InvokeAsync(["report", _f.MessagesPath, "--out", _f.OutputDir, "--requirements", _f.RequirementsPath, "--no-pdf", "--sign-key", keyPath], output, error);

        Assert.That(code, Is.EqualTo(ReportCommand.UsageError));
        Assert.That(error.ToString(), Is.EqualTo($"エラー: 署名の鍵 {keyPath}{expected.Replace("{key}", keyPath, StringComparison.Ordinal)}\n"));
        Assert.That(output.ToString(), Is.Empty);
        Assert.That(Directory.Exists(_f.OutputDir), Is.EqualTo(false), "nothing is written");
        Assert.That(File.Exists(_f.MessagesPath), Is.EqualTo(true), "the run's messages are kept");
    }

    [Test]
    public async Task A_key_path_that_cannot_be_read_exits_2()
    {
        var keyPath = Path.Combine(_f.Dir, "folder.pem");
        Directory.CreateDirectory(keyPath);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ReportCommand.InvokeAsync(["report", _f.MessagesPath, "--out", _f.OutputDir, "--requirements", _f.RequirementsPath, "--no-pdf", "--sign-key", keyPath], output, error);

        Assert.That(code, Is.EqualTo(ReportCommand.UsageError));
        Assert.That(error.ToString(), Does.StartWith($"エラー: 署名の鍵 {keyPath} を読めません ("));
        Assert.That(error.ToString(), Does.EndWith("ファイルの読み取り権限を確かめてください。\n"));
        Assert.That(Directory.Exists(_f.OutputDir), Is.EqualTo(false));
    }

    private static (string Private, string Public) RsaKey()
    {
        using var rsa = RSA.Create(3072);
        return (rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    }

    private static (string Private, string Public) EcKey()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (ec.ExportECPrivateKeyPem(), ec.ExportSubjectPublicKeyInfoPem());
    }

    private static string ShortRsaKey()
    {
        using var rsa = RSA.Create(1024);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private static string EncryptedKey()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ec.ExportEncryptedPkcs8PrivateKeyPem("passphrase", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000));
    }

    /// <summary>The exit code and standard output of <c>openssl dgst -verify</c> (a failure also writes OpenSSL's error stack to stderr).</summary>
    private static async Task<(int Code, string Output)> OpenSslVerifyAsync(string dir)
    {
        var (code, output, _) = await OpenSslAsync(dir, "dgst", "-sha256", "-verify", Manifest.PublicKeyFile, "-signature", Manifest.SignatureFile, Manifest.FileName);
        return (code, output);
    }

    /// <summary>SHA-256 of the public key's DER, as an auditor computes it with openssl.</summary>
    private static async Task<string> OpenSslFingerprintAsync(string dir)
    {
        var der = Path.Combine(dir, "..", "pub.der");
        var (code, _, output) = await OpenSslAsync(dir, "pkey", "-pubin", "-in", Manifest.PublicKeyFile, "-outform", "DER", "-out", der);
        Assert.That(code, Is.EqualTo(0), output);
        return Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(der)));
    }

    private static async Task<(int Code, string Output, string Error)> OpenSslAsync(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("openssl", args)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"openssl コマンドがありません (Debian: apt-get install -y openssl): {ex.Message}");
            throw;
        }

        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output, error);
        }
    }
}
