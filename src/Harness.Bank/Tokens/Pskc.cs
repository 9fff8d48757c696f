using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Harness.Bank.Tokens;

public sealed record PskcKey(string SerialNo, string Manufacturer, byte[] Secret, DateTimeOffset ExpiresAt, int Digits, int PeriodSeconds);

/// <summary>Reads a vendor's keyfob delivery (RFC 6030 PSKC, plain-value TOTP keys). No DTDs, no external entities.</summary>
public static class Pskc
{
    private static readonly XNamespace Ns = "urn:ietf:params:xml:ns:keyprov:pskc";
    private const string TotpAlgorithm = "urn:ietf:params:xml:ns:keyprov:pskc:totp";

    public static IReadOnlyList<PskcKey> Parse(Stream xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 10_000_000 };
        using var reader = XmlReader.Create(xml, settings);
        var doc = XDocument.Load(reader);
        var container = doc.Root;
        if (container is null || container.Name != Ns + "KeyContainer")
        {
            throw new FormatException("KeyContainer がありません。");
        }
        var keys = new List<PskcKey>();
        foreach (var package in container.Elements(Ns + "KeyPackage"))
        {
            var device = package.Element(Ns + "DeviceInfo") ?? throw new FormatException("DeviceInfo がありません。");
            var key = package.Element(Ns + "Key") ?? throw new FormatException("Key がありません。");
            if ((string?)key.Attribute("Algorithm") != TotpAlgorithm)
            {
                throw new FormatException("TOTP 以外の鍵は取り込めません。");
            }
            var serial = Required(device, "SerialNo");
            if (serial.Length is < 8 or > 12 || !serial.All(char.IsAsciiDigit))
            {
                throw new FormatException("シリアル番号は半角数字8～12桁である必要があります。");
            }
            var expiry = DateTimeOffset.Parse(Required(device, "ExpiryDate"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var format = key.Element(Ns + "AlgorithmParameters")?.Element(Ns + "ResponseFormat");
            var digits = int.Parse((string?)format?.Attribute("Length") ?? "6", CultureInfo.InvariantCulture);
            var data = key.Element(Ns + "Data") ?? throw new FormatException("Data がありません。");
            var secret = Convert.FromBase64String(data.Element(Ns + "Secret")?.Element(Ns + "PlainValue")?.Value
                ?? throw new FormatException("Secret/PlainValue がありません。"));
            var period = int.Parse(data.Element(Ns + "TimeInterval")?.Element(Ns + "PlainValue")?.Value ?? "30", CultureInfo.InvariantCulture);
            keys.Add(new PskcKey(serial, (string?)device.Element(Ns + "Manufacturer") ?? "", secret, expiry, digits, period));
        }
        return keys;
    }

    private static string Required(XElement parent, string name) =>
        parent.Element(Ns + name)?.Value.Trim() ?? throw new FormatException($"{name} がありません。");
}
