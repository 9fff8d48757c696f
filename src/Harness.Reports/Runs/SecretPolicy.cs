using System.Text.RegularExpressions;

namespace Harness.Reports.Runs;

/// <summary>
/// The rule that keeps seeds and passwords out of the report (requirement X-06):
/// <list type="number">
/// <item>An attachment whose media type or file name contains one of <see cref="SecretWords"/> (case-insensitive)
/// is never copied: not into <c>evidence/</c>, not into the HTML, not into the report's copy of the NDJSON.
/// The report counts them (「秘密情報として除外した添付」) so their absence is visible.</item>
/// <item>In log lines (<c>text/x.cucumber.log+plain</c>) and failure messages, a value written after one of
/// <see cref="SecretWords"/> and a colon or equals sign (<c>seed=…</c>, <c>パスワード：…</c>) is replaced by
/// <see cref="Mask"/>, up to the next blank or full-width 、。」』）: half-width punctuation may be part of a password,
/// so it is masked too.</item>
/// </list>
/// Screenshots are evidence of what was typed and are kept; steps must not attach secrets under other names.
/// </summary>
public static partial class SecretPolicy
{
    public const string Mask = "[伏せ字]";

    public static IReadOnlyList<string> SecretWords { get; } =
        ["secret", "seed", "password", "passwd", "private-key", "privatekey", "秘密", "シード", "パスワード"];

    public static bool IsSecretAttachment(string? mediaType, string? fileName) =>
        SecretWords.Any(w =>
            (mediaType?.Contains(w, StringComparison.OrdinalIgnoreCase) ?? false) ||
            (fileName?.Contains(w, StringComparison.OrdinalIgnoreCase) ?? false));

    public static string Redact(string text) => SecretValue().Replace(text, m => m.Groups["label"].Value + Mask);

    [GeneratedRegex(@"(?<label>(?:secret|seed|password|passwd|秘密鍵?|シード|パスワード)\s*[:=：＝]\s*)[^\s、。」』）]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretValue();
}
