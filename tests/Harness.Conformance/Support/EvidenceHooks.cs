using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Harness.Devices.Mail;
using Reqnroll;
using MimeKit;

namespace Harness.Conformance.Support;

/// <summary>
/// Evidence of what the scenario's devices saw, attached to the scenario before its world stops (Order 9000, before
/// <see cref="Hooks"/>' AfterScenario): every mail the mailboxes received, as an .eml (message/rfc822) whose password values
/// are masked (<see cref="MailEvidence"/>), and the token vendor's request journal (application/json) when the bank asked the vendor.
/// The report generator extracts attachments into evidence/ and links them per scenario.
/// </summary>
[Binding]
public sealed class EvidenceHooks(World world, Setup setup, Evidence evidence)
{
    /// <summary>When set, each scenario appends its customer's secrets (passwords, the mailed passwords, the seeds its devices hold)
    /// to this file, one <c>kind\tvalue</c> a line, so a test can scan a whole report folder for them (X-06). Never set in a real run.</summary>
    public const string SecretsForScanVariable = "HARNESS_SECRETS_FOR_SCAN";

    private static readonly Lock SecretsGate = new();

    public const string JournalFileName = "vendor-journal.json";

    [AfterScenario(Order = 9000)]
    public void AttachMailsAndVendorJournal()
    {
        if (world.StartedDevices is not { } devices)
        {
            return;
        }

        var mails = devices.Mailboxes
            .SelectMany(box => box.Messages.Select(mail => (box.Address, Mail: mail)))
            .OrderBy(m => m.Mail.ReceivedAt)
            .ThenBy(m => m.Address, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < mails.Count; i++)
        {
            // The file name never carries the subject: "メール通知パスワードのお知らせ" would read as a secret attachment.
            evidence.Attach(MailEvidence.MaskedEml(mails[i].Mail), $"mail-{i + 1:D2}-{mails[i].Address}.eml");
        }

        if (devices.Vendor.Journal.Count > 0)
        {
            evidence.Attach(devices.Vendor.ExportJournalJson(), JournalFileName);
        }
    }

    [AfterScenario(Order = 9001)]
    public void WriteSecretsForScan()
    {
        if (Environment.GetEnvironmentVariable(SecretsForScanVariable) is not { Length: > 0 } path)
        {
            return;
        }

        var secrets = new List<(string Kind, string Value)>();
        if (setup.Customer is { } customer)
        {
            secrets.Add(("ログインパスワード", customer.Password));
            secrets.Add(("確認用パスワード", customer.ConfirmationPassword));
            secrets.Add(("利用開始パスワード", customer.ActivationPassword));
            object?[] devices = [customer.App, customer.Vip?.Credential, customer.Keyfob];
            foreach (var device in devices.OfType<object>())
            {
                foreach (var seed in SeedsOf(device))
                {
                    secrets.Add(("シード (hex)", Convert.ToHexStringLower(seed)));
                    secrets.Add(("シード (base64)", Convert.ToBase64String(seed)));
                    secrets.Add(("シード (base32)", OtpNet.Base32Encoding.ToString(seed).TrimEnd('=')));
                }
            }
        }

        foreach (var mail in world.StartedDevices?.Mailboxes.SelectMany(b => b.Messages) ?? [])
        {
            secrets.AddRange(mail.Values.Where(v => v.Key.Contains("パスワード", StringComparison.Ordinal)).Select(v => (v.Key, v.Value)));
        }

        lock (SecretsGate)
        {
            File.AppendAllLines(path, secrets.Select(s => $"{s.Kind}\t{s.Value}"), new UTF8Encoding(false));
        }
    }

    /// <summary>The seed a device keeps private (the simulated devices never show it): its byte[] fields named seed or secret.
    /// A device with none is an error, so the scan never silently checks less than it claims.</summary>
    private static List<byte[]> SeedsOf(object device)
    {
        var seeds = device.GetType().GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(f => f.FieldType == typeof(byte[]) && (f.Name.Contains("seed", StringComparison.OrdinalIgnoreCase) || f.Name.Contains("secret", StringComparison.OrdinalIgnoreCase)))
            .Select(f => (byte[]?)f.GetValue(device))
            .OfType<byte[]>()
            .ToList();
        return seeds.Count > 0 ? seeds : throw new InvalidOperationException($"{device.GetType().Name} のシードが見つかりません (走査の対象を確かめられません)。");
    }
}

/// <summary>
/// The .eml copy of a received mail kept as evidence. No password reaches the report (X-06): the value of every
/// <c>label：value</c> line whose label names a password, seed or secret (メール通知パスワード：482913) is replaced by
/// <see cref="Mask"/>. A メール通知パスワード is valid until logout or the next one, so it is a password, not a code shown on a
/// token: the mail proves that it was sent, when, from whom and to whom; what the customer typed is in the step text and the screenshots.
/// Sender, recipients, subject, dates and the other lines (サービスID, ユーザID, URLs) are kept as they arrived.
/// </summary>
public static partial class MailEvidence
{
    public const string Mask = "[伏せ字]";

    public static byte[] MaskedEml(ReceivedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        using var input = new MemoryStream(mail.Raw, writable: false);
        var message = MimeMessage.Load(input);
        foreach (var part in message.BodyParts.OfType<TextPart>())
        {
            var text = part.Text;
            var masked = MaskValues(text);
            if (!string.Equals(text, masked, StringComparison.Ordinal))
            {
                part.SetText(part.ContentType.Charset ?? "utf-8", masked);
            }
        }

        message.Headers.Add("X-Harness-Evidence", "copy of the mail as received by the simulated mailbox; password values masked");
        // The Date header is the sender's wall clock; the scenario's time is the virtual clock's.
        message.Headers.Add("X-Harness-Received", mail.ReceivedAt.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        using var output = new MemoryStream();
        message.WriteTo(output);
        return output.ToArray();
    }

    public static string MaskValues(string text) => SecretLine().Replace(text, m => m.Groups["label"].Value + Mask);

    [GeneratedRegex(@"^(?<label>[^\r\n：:]*(?:パスワード|password|passwd|シード|seed|秘密|secret)[^\r\n：:]*[：:][ \t　]*)\S[^\r\n]*", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretLine();
}
