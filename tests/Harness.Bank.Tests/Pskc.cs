using System.Globalization;
using System.Net;
using System.Text;

namespace Harness.Bank.Tests;

/// <summary>Builds a vendor's PSKC delivery (RFC 6030) the way CONTRACTS.md §5 describes it.</summary>
public static class PskcFile
{
    public static string Of(params (string Serial, byte[] Secret, DateTimeOffset Expiry)[] keyfobs)
    {
        var packages = new StringBuilder();
        foreach (var (serial, secret, expiry) in keyfobs)
        {
            packages.Append(CultureInfo.InvariantCulture, $"""
                  <KeyPackage>
                    <DeviceInfo>
                      <Manufacturer>TestVendor</Manufacturer>
                      <SerialNo>{serial}</SerialNo>
                      <ExpiryDate>{expiry.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}</ExpiryDate>
                    </DeviceInfo>
                    <Key Id="{serial}" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp">
                      <AlgorithmParameters><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>
                      <Data>
                        <Secret><PlainValue>{Convert.ToBase64String(secret)}</PlainValue></Secret>
                        <TimeInterval><PlainValue>60</PlainValue></TimeInterval>
                      </Data>
                    </Key>
                  </KeyPackage>

                """);
        }
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
            {packages}</KeyContainer>
            """;
    }

    public static async Task<Reply> ImportAsync(TestBank bank, string xml)
    {
        using var content = new StringContent(xml, Encoding.UTF8, "application/pskc+xml");
        using var response = await bank.Http.PostAsync("/staff/api/keyfobs/import", content);
        return await Reply.ReadAsync(response);
    }

    /// <summary>A keyfob in the customer's hands and in use: import, apply, post, 利用開始 (BOK501).</summary>
    public static async Task<SoftApp> ActiveKeyfobAsync(TestBank bank, DemoCustomer customer, string session, string serial, DateTimeOffset expiry)
    {
        var secret = OtpNet.KeyGeneration.GenerateRandomKey(20);
        var import = await ImportAsync(bank, Of((serial, secret, expiry)));
        Assert.That(import.Status, Is.EqualTo(HttpStatusCode.OK), import.Text);
        var apply = await bank.PostAsync("/api/otp/hard", new { confirmationPassword = customer.ConfirmationPassword }, session);
        Assert.That(apply.Status, Is.EqualTo(HttpStatusCode.OK), apply.Text);
        var post = await bank.PostAsync($"/staff/api/customers/{customer.LoginId}/keyfobs/post", new { serialNo = serial });
        Assert.That(post.Status, Is.EqualTo(HttpStatusCode.OK), post.Text);
        var keyfob = new SoftApp(secret, 6, 60, bank.Clock);
        var activate = await bank.PostAsync("/api/otp/activate", new { serialNo = serial, code = keyfob.CodeNow() }, session);
        Assert.That(activate.Status, Is.EqualTo(HttpStatusCode.OK), activate.Text);
        return keyfob;
    }
}
