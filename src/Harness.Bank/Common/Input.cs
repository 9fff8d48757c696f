using System.Net.Mail;

namespace Harness.Bank.Common;

/// <summary>
/// Checks what a customer typed before anything counts: a value that is not what the screen asks
/// (full-width digits, letters, blanks, 10,000 characters, SQL or script text) is refused with a
/// Japanese message, counts no failure and changes nothing.
/// </summary>
public static class Input
{
    public const int MaxTextLength = 64;

    public static Problem? Digits(string? value, string label, int minLength, int maxLength)
    {
        var lengthText = minLength == maxLength ? $"{minLength}桁" : $"{minLength}～{maxLength}桁";
        var message = $"{label}は半角数字{lengthText}で入力してください。";
        if (string.IsNullOrEmpty(value))
        {
            return Problem.BadInput($"{label}を入力してください。");
        }
        if (value.Length < minLength || value.Length > maxLength)
        {
            return Problem.BadInput(message);
        }
        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return Problem.BadInput(message);
            }
        }
        return null;
    }

    /// <summary>Half-width letters and digits (ログインID, 確認用パスワード, トークンID).</summary>
    public static Problem? Alphanumeric(string? value, string label, int minLength, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Problem.BadInput($"{label}を入力してください。");
        }
        var lengthText = minLength == maxLength ? $"{minLength}桁" : $"{minLength}～{maxLength}桁";
        if (value.Length < minLength || value.Length > maxLength || !value.All(char.IsAsciiLetterOrDigit))
        {
            return Problem.BadInput($"{label}は半角英数字{lengthText}で入力してください。");
        }
        return null;
    }

    /// <summary>A password: printable half-width characters (symbols allowed), bounded length.</summary>
    public static Problem? Password(string? value, string label, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Problem.BadInput($"{label}を入力してください。");
        }
        if (value.Length > maxLength || !value.All(c => c is > ' ' and <= '~'))
        {
            return Problem.BadInput($"{label}は半角英数字記号{maxLength}文字以内で入力してください。");
        }
        return null;
    }

    public static Problem? MailAddress(string? value, string label)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Problem.BadInput($"{label}を入力してください。");
        }
        if (value.Length > 254 || !value.All(c => c is > ' ' and <= '~') || !System.Net.Mail.MailAddress.TryCreate(value, out var parsed) || parsed.Address != value)
        {
            return Problem.BadInput($"{label}を正しく入力してください。");
        }
        return null;
    }

    public static Problem? Text(string? value, string label, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Problem.BadInput($"{label}を入力してください。");
        }
        if (value.Length > maxLength || value.Any(c => c is '<' or '>' or '\'' or '"' or ';' or '\\' || char.IsControl(c)))
        {
            return Problem.BadInput($"{label}に使用できない文字が含まれているか、長すぎます（{maxLength}文字以内）。");
        }
        return null;
    }

    /// <summary>The first problem of several checks, or null when all pass.</summary>
    public static Problem? First(params Problem?[] checks) => checks.FirstOrDefault(p => p is not null);
}
