using Harness.Devices.Keyfobs;
using Harness.Devices.Phones;
using Harness.Devices.VipAccess;

namespace Harness.Conformance.Support;

/// <summary>The customer the scenario plays: credentials, mail addresses and the token they hold.</summary>
public sealed class Customer
{
    public required string LoginId { get; init; }

    public required string Password { get; init; }

    public required string ConfirmationPassword { get; init; }

    public required string Email { get; init; }

    public required string PhoneMail { get; init; }

    public string ActivationPassword { get; init; } = "1234";

    public Phone? Phone { get; set; }

    public BankOtpApp? App { get; set; }

    public VipAccessApp? Vip { get; set; }

    public Keyfob? Keyfob { get; set; }

    /// <summary>The code the customer's token shows now (the phone app, VIP Access or the keyfob).</summary>
    public string CurrentCode() =>
        App?.CurrentCode
        ?? Vip?.SecurityCode
        ?? Keyfob?.PressButton().Code
        ?? throw new InvalidOperationException("お客様はワンタイムパスワードを表示するトークンを持っていません。");

    /// <summary>The last code the customer typed and the bank accepted.</summary>
    public string? LastAcceptedCode { get; set; }

    /// <summary>Wrong codes the customer typed at login in a row since the last login the bank let through (counted by the
    /// scenario's own steps; a lock the bank reports is held against the manual's 停止回数 with it).</summary>
    public int WrongCodesInARow { get; set; }

    /// <summary>What the bank answered to each wrong メール通知パスワード the scenario typed in a row (null when it typed none);
    /// a forced logout the bank reports is held against the manual's 強制ログアウト回数 with it.</summary>
    public List<Drivers.Outcome>? WrongMailPasswords { get; set; }

    /// <summary>A code of the right length that is not the one shown: every digit shifted by five.</summary>
    public string WrongCode() => Mistyped(CurrentCode());

    /// <summary>The same number of digits, each shifted by five: never the value itself.</summary>
    public static string Mistyped(string digits) => new(digits.Select(c => (char)('0' + ((c - '0' + 5) % 10))).ToArray());
}
