namespace Harness.Devices.Keyfobs;

/// <summary>A keyfob's シリアル番号: 8 to 12 half-width digits (AOM-14).</summary>
public readonly record struct SerialNumber
{
    private readonly string? _value;

    private SerialNumber(string value) => _value = value;

    public string Value => _value ?? throw new InvalidOperationException("Uninitialised serial number.");

    public static bool IsValid(string? text) =>
        text is { Length: >= 8 and <= 12 } && text.All(char.IsAsciiDigit);

    public static SerialNumber Parse(string text) =>
        IsValid(text)
            ? new SerialNumber(text)
            : throw new FormatException($"A keyfob serial number is 8 to 12 half-width digits, not '{text}'.");

    public override string ToString() => Value;
}
