using System.Text;
using System.Xml.Linq;
using Harness.Devices.Keyfobs;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Devices.Tests.Keyfobs;

public sealed class KeyfobTests
{
    private static readonly byte[] RfcSeed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly DateTimeOffset Expiry = new(2031, 10, 31, 0, 0, 0, TimeSpan.Zero);

    [TestCase("12345678")]
    [TestCase("123456789012")]
    public void A_serial_of_8_to_12_digits_is_accepted(string text)
    {
        Assert.That(SerialNumber.Parse(text).Value, Is.EqualTo(text));
    }

    [TestCase("1234567")]
    [TestCase("1234567890123")]
    [TestCase("1234567a")]
    [TestCase("１２３４５６７８")]
    [TestCase("")]
    public void A_serial_that_is_not_8_to_12_half_width_digits_is_refused(string text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(SerialNumber.IsValid(text), Is.False);
            Assert.That(() => SerialNumber.Parse(text), Throws.TypeOf<FormatException>());
        });
    }

    // 6 digits, 60 s steps: step N shows the RFC 4226 HOTP value of counter N.
    [TestCase(0L, "755224")]
    [TestCase(59L, "755224")]
    [TestCase(60L, "287082")]
    [TestCase(120L, "359152")]
    public void Pressing_the_button_shows_the_code_of_the_current_minute(long unixSeconds, string expected)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        var keyfob = new Keyfob(SerialNumber.Parse("12345678"), RfcSeed, Expiry, clock);

        Assert.That(keyfob.PressButton().Code, Is.EqualTo(expected));
    }

    [Test]
    public void After_its_expiry_the_keyfob_shows_nothing_usable()
    {
        var clock = new FakeTimeProvider(Expiry - TimeSpan.FromSeconds(1));
        var keyfob = new Keyfob(SerialNumber.Parse("12345678"), RfcSeed, Expiry, clock);

        var lastSecond = keyfob.PressButton();
        clock.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = keyfob.PressButton();

        Assert.Multiple(() =>
        {
            Assert.That(lastSecond.IsBlank, Is.False);
            Assert.That(lastSecond.Code, Has.Length.EqualTo(6));
            Assert.That(atExpiry.IsBlank, Is.True);
            Assert.That(atExpiry.Code, Is.Null);
        });
    }

    [Test]
    public void A_batch_exports_a_pskc_file_that_reads_back_to_the_same_serials_seeds_and_expiry()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var batch = KeyfobBatch.Manufacture(SerialNumber.Parse("0000009998"), 3, Expiry, clock, manufacturer: "TokenMaker");

        var packages = Pskc.Read(batch.ExportPskc());

        Assert.That(packages, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(packages.Select(p => p.SerialNo.Value), Is.EqualTo(new[] { "0000009998", "0000009999", "0000010000" }));
            for (var i = 0; i < 3; i++)
            {
                Assert.That(packages[i].Secret, Is.EqualTo(batch.Keyfobs[i].Seed.ToArray()));
                Assert.That(packages[i].Secret, Has.Length.EqualTo(20));
                Assert.That(packages[i].ExpiryDate, Is.EqualTo(Expiry));
                Assert.That(packages[i].Manufacturer, Is.EqualTo("TokenMaker"));
                Assert.That(packages[i].Digits, Is.EqualTo(6));
                Assert.That(packages[i].TimeIntervalSeconds, Is.EqualTo(60));
            }
        });
    }

    [Test]
    public void The_pskc_file_has_the_shape_of_the_contract()
    {
        var clock = new FakeTimeProvider();
        var batch = KeyfobBatch.Of(new Keyfob(SerialNumber.Parse("243725864"), RfcSeed, Expiry, clock, manufacturer: "TokenMaker"));
        XNamespace ns = "urn:ietf:params:xml:ns:keyprov:pskc";

        var root = XDocument.Parse(batch.ExportPskc()).Root!;
        var package = root.Element(ns + "KeyPackage")!;
        var key = package.Element(ns + "Key")!;

        Assert.Multiple(() =>
        {
            Assert.That(root.Name, Is.EqualTo(ns + "KeyContainer"));
            Assert.That((string?)root.Attribute("Version"), Is.EqualTo("1.0"));
            Assert.That(package.Element(ns + "DeviceInfo")!.Element(ns + "Manufacturer")!.Value, Is.EqualTo("TokenMaker"));
            Assert.That(package.Element(ns + "DeviceInfo")!.Element(ns + "SerialNo")!.Value, Is.EqualTo("243725864"));
            Assert.That(package.Element(ns + "DeviceInfo")!.Element(ns + "ExpiryDate")!.Value, Is.EqualTo("2031-10-31T00:00:00Z"));
            Assert.That((string?)key.Attribute("Algorithm"), Is.EqualTo("urn:ietf:params:xml:ns:keyprov:pskc:totp"));
            Assert.That((string?)key.Element(ns + "AlgorithmParameters")!.Element(ns + "ResponseFormat")!.Attribute("Length"), Is.EqualTo("6"));
            Assert.That((string?)key.Element(ns + "AlgorithmParameters")!.Element(ns + "ResponseFormat")!.Attribute("Encoding"), Is.EqualTo("DECIMAL"));
            Assert.That(key.Element(ns + "Data")!.Element(ns + "Secret")!.Element(ns + "PlainValue")!.Value, Is.EqualTo("MTIzNDU2Nzg5MDEyMzQ1Njc4OTA="));
            Assert.That(key.Element(ns + "Data")!.Element(ns + "TimeInterval")!.Element(ns + "PlainValue")!.Value, Is.EqualTo("60"));
        });
    }

    [TestCase("<KeyContainer/>")]
    [TestCase("not xml")]
    [TestCase("<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\"><KeyPackage><DeviceInfo><Manufacturer>m</Manufacturer><SerialNo>12</SerialNo></DeviceInfo></KeyPackage></KeyContainer>")]
    public void A_pskc_file_outside_the_contract_is_a_format_error(string xml)
    {
        Assert.That(() => Pskc.Read(xml), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void The_display_renders_as_a_japanese_page_with_code_serial_and_expiry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(60));
        var keyfob = new Keyfob(SerialNumber.Parse("243725864"), RfcSeed, Expiry, clock);

        var html = keyfob.RenderScreenHtml();

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.StartWith("<!DOCTYPE html>\n<html lang=\"ja\">"));
            Assert.That(html, Does.Contain("<div class=\"code\" id=\"code\">287082</div>"));
            Assert.That(html, Does.Contain("<dt>シリアル番号</dt><dd>243725864</dd>"));
            Assert.That(html, Does.Contain("<dt>有効期限</dt><dd>2031/10/31 09:00 (日本時間)</dd>"));
        });
    }

    [Test]
    public void An_expired_keyfobs_page_shows_an_empty_display_and_loads_nothing_external()
    {
        var clock = new FakeTimeProvider(Expiry);
        var keyfob = new Keyfob(SerialNumber.Parse("243725864"), RfcSeed, Expiry, clock);

        var html = keyfob.RenderScreenHtml();

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<div class=\"code\" id=\"code\"></div>"));
            Assert.That(html, Does.Not.Contain("src="));
            Assert.That(html, Does.Not.Contain("<link"));
            Assert.That(html, Does.Not.Contain("<script"));
        });
    }
}
