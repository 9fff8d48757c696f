using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Harness.Devices.Keyfobs;

/// <summary>One keyfob's entry of a PSKC file (RFC 6030), as CONTRACTS.md §5 fixes it.</summary>
public sealed record PskcKeyPackage(
    string Manufacturer,
    SerialNumber SerialNo,
    DateTimeOffset ExpiryDate,
    byte[] Secret,
    int Digits,
    int TimeIntervalSeconds);

/// <summary>Writes and reads the PSKC files the token vendor delivers to the bank (CONTRACTS.md §5).</summary>
public static class Pskc
{
    public const string ContentType = "application/pskc+xml";
    public const string TotpAlgorithm = "urn:ietf:params:xml:ns:keyprov:pskc:totp";
    public static readonly XNamespace Ns = "urn:ietf:params:xml:ns:keyprov:pskc";

    public static string Write(IEnumerable<PskcKeyPackage> packages)
    {
        var container = new XElement(Ns + "KeyContainer", new XAttribute("Version", "1.0"),
            packages.Select(p => new XElement(Ns + "KeyPackage",
                new XElement(Ns + "DeviceInfo",
                    new XElement(Ns + "Manufacturer", p.Manufacturer),
                    new XElement(Ns + "SerialNo", p.SerialNo.Value),
                    new XElement(Ns + "ExpiryDate", XmlConvert.ToString(p.ExpiryDate.UtcDateTime, XmlDateTimeSerializationMode.Utc))),
                new XElement(Ns + "Key",
                    new XAttribute("Id", p.SerialNo.Value),
                    new XAttribute("Algorithm", TotpAlgorithm),
                    new XElement(Ns + "AlgorithmParameters",
                        new XElement(Ns + "ResponseFormat",
                            new XAttribute("Length", p.Digits.ToString(CultureInfo.InvariantCulture)),
                            new XAttribute("Encoding", "DECIMAL"))),
                    new XElement(Ns + "Data",
                        new XElement(Ns + "Secret", new XElement(Ns + "PlainValue", Convert.ToBase64String(p.Secret))),
                        new XElement(Ns + "TimeInterval",
                            new XElement(Ns + "PlainValue", p.TimeIntervalSeconds.ToString(CultureInfo.InvariantCulture))))))));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), container).Declaration + "\n" + container;
    }

    /// <summary>Reads a PSKC file; a file outside the contract's shape is a <see cref="FormatException"/>.</summary>
    public static IReadOnlyList<PskcKeyPackage> Read(string xml)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(xml);
        }
        catch (XmlException e)
        {
            throw new FormatException("The PSKC file is not well-formed XML.", e);
        }

        var root = document.Root;
        if (root is null || root.Name != Ns + "KeyContainer")
            throw new FormatException("A PSKC file's root is urn:ietf:params:xml:ns:keyprov:pskc KeyContainer.");
        if ((string?)root.Attribute("Version") != "1.0")
            throw new FormatException("Only PSKC KeyContainer Version=\"1.0\" is supported.");

        return root.Elements(Ns + "KeyPackage").Select(ReadPackage).ToList();
    }

    private static PskcKeyPackage ReadPackage(XElement package)
    {
        var device = Required(package, "DeviceInfo");
        var key = Required(package, "Key");
        var algorithm = (string?)key.Attribute("Algorithm");
        if (algorithm != TotpAlgorithm)
            throw new FormatException($"Key algorithm '{algorithm}' is not {TotpAlgorithm}.");
        var format = Required(Required(key, "AlgorithmParameters"), "ResponseFormat");
        if ((string?)format.Attribute("Encoding") != "DECIMAL")
            throw new FormatException("Only DECIMAL response formats are supported.");
        var data = Required(key, "Data");

        try
        {
            return new PskcKeyPackage(
                Manufacturer: Required(device, "Manufacturer").Value,
                SerialNo: SerialNumber.Parse(Required(device, "SerialNo").Value),
                ExpiryDate: new DateTimeOffset(XmlConvert.ToDateTime(Required(device, "ExpiryDate").Value, XmlDateTimeSerializationMode.Utc)),
                Secret: Convert.FromBase64String(Required(Required(data, "Secret"), "PlainValue").Value),
                Digits: int.Parse((string?)format.Attribute("Length") ?? string.Empty, NumberStyles.None, CultureInfo.InvariantCulture),
                TimeIntervalSeconds: int.Parse(Required(Required(data, "TimeInterval"), "PlainValue").Value, NumberStyles.None, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new FormatException($"A PSKC KeyPackage has an invalid value: {e.Message}", e);
        }
    }

    private static XElement Required(XElement parent, string name) =>
        parent.Element(Ns + name) ?? throw new FormatException($"PSKC {parent.Name.LocalName} lacks {name}.");
}
