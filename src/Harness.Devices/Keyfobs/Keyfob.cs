using Harness.Devices.Otp;
using Harness.Devices.Screens;

namespace Harness.Devices.Keyfobs;

/// <summary>
/// A hardware token (ハードウェアトークン): it shows a TOTP code when its button is pressed, and nothing
/// usable once its 有効期限 has passed. It reads time only from the clock it is given.
/// </summary>
public sealed class Keyfob
{
    public const int DefaultDigits = 6;
    public static readonly TimeSpan DefaultStep = TimeSpan.FromSeconds(60);

    private readonly byte[] _seed;
    private readonly TotpGenerator _totp;
    private readonly TimeProvider _clock;

    public Keyfob(SerialNumber serial, ReadOnlySpan<byte> seed, DateTimeOffset expiresAt, TimeProvider clock,
        int digits = DefaultDigits, TimeSpan? step = null, string manufacturer = "Harness")
    {
        Serial = serial;
        _seed = seed.ToArray();
        ExpiresAt = expiresAt;
        _clock = clock;
        Manufacturer = manufacturer;
        _totp = new TotpGenerator(_seed, digits, step ?? DefaultStep);
    }

    public SerialNumber Serial { get; }
    public DateTimeOffset ExpiresAt { get; }
    public string Manufacturer { get; }
    public int Digits => _totp.Digits;
    public TimeSpan Step => _totp.Step;

    /// <summary>The seed, for the PSKC delivery to the bank only; never shown on the display.</summary>
    internal ReadOnlySpan<byte> Seed => _seed;

    /// <summary>The customer presses the button and reads the display.</summary>
    public KeyfobDisplay PressButton()
    {
        var now = _clock.GetUtcNow();
        return now >= ExpiresAt ? KeyfobDisplay.Blank(now) : new KeyfobDisplay(_totp.CodeAt(now), now);
    }

    /// <summary>The display after a button press, as a page to screenshot.</summary>
    public string RenderScreenHtml()
    {
        var display = PressButton();
        return HtmlPage.Render("ハードウェアトークン", "keyfob", html =>
        {
            html.Append("<h1>ハードウェアトークン</h1>\n<div class=\"code\" id=\"code\">")
                .Append(HtmlPage.Encode(display.Code ?? string.Empty)).Append("</div>\n");
            HtmlPage.AppendDefinitions(html,
            [
                ("シリアル番号", Serial.Value),
                ("有効期限", JapanTime.FormatDateTime(ExpiresAt)),
            ]);
        });
    }
}

/// <summary>What the keyfob's display shows: a code, or nothing usable (<see cref="Code"/> null) after expiry.</summary>
public sealed record KeyfobDisplay(string? Code, DateTimeOffset ReadAt)
{
    public bool IsBlank => Code is null;

    internal static KeyfobDisplay Blank(DateTimeOffset at) => new(null, at);
}
