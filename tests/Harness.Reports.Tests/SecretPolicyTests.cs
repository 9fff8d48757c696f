using Harness.Reports.Runs;

namespace Harness.Reports.Tests;

public sealed class SecretPolicyTests
{
    [TestCase("seed=JBSWY3DPEHPK3PXP", "seed=[伏せ字]")]
    [TestCase("Secret: abc,def;ghi) 次", "Secret: [伏せ字] 次")]
    [TestCase("確認用パスワード：Abc123、を入力", "確認用パスワード：[伏せ字]、を入力")]
    [TestCase("メール通知パスワード = 12345678。", "メール通知パスワード = [伏せ字]。")]
    [TestCase("シード=00112233 と password=p@ss w", "シード=[伏せ字] と password=[伏せ字] w")]
    [TestCase("ワンタイムパスワード 123456 を入力しました", "ワンタイムパスワード 123456 を入力しました")]
    [TestCase("ログインID=akita001", "ログインID=akita001")]
    public void Values_after_a_secret_word_and_a_colon_or_equals_are_masked(string text, string expected) =>
        Assert.That(SecretPolicy.Redact(text), Is.EqualTo(expected));

    [TestCase("image/png", "ログイン画面.png", false)]
    [TestCase("text/plain", "seed.txt", true)]
    [TestCase("application/x-secret", "a.bin", true)]
    [TestCase("image/png", "メール通知パスワード画面.png", true)]
    [TestCase("text/plain", "TOTP-SEED-export.json", true)]
    [TestCase("message/rfc822", "0001-受付確認の案内.eml", false)]
    [TestCase("application/json", null, false)]
    public void Attachments_named_or_typed_as_secret_are_withheld(string mediaType, string? fileName, bool secret) =>
        Assert.That(SecretPolicy.IsSecretAttachment(mediaType, fileName), Is.EqualTo(secret));
}
