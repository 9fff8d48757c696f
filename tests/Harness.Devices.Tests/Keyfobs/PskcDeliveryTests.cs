using System.Net;
using System.Net.Sockets;
using Harness.Devices.Keyfobs;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Harness.Devices.Tests.Keyfobs;

/// <summary>The delivery to POST /staff/api/keyfobs/import, against a stub playing the bank per CONTRACTS.md §5.</summary>
public sealed class PskcDeliveryTests
{
    [Test]
    public async Task The_batch_is_posted_as_pskc_xml_and_the_banks_answer_is_read()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var baseUrl = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        using var bank = WireMockServer.Start(new WireMockServerSettings { Urls = [baseUrl] });
        bank.Given(Request.Create().WithPath("/staff/api/keyfobs/import").UsingPost().WithHeader("Content-Type", "application/pskc+xml*"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("{\"imported\":2,\"serials\":[\"12345678\",\"12345679\"]}"));
        var batch = KeyfobBatch.Manufacture(SerialNumber.Parse("12345678"), 2, new DateTimeOffset(2031, 10, 31, 0, 0, 0, TimeSpan.Zero), new FakeTimeProvider());
        using var http = new HttpClient();

        var result = await batch.ImportIntoBankAsync(http, new Uri(baseUrl));

        Assert.Multiple(() =>
        {
            Assert.That(result.Imported, Is.EqualTo(2));
            Assert.That(result.Serials, Is.EqualTo(new[] { "12345678", "12345679" }));
            Assert.That(Pskc.Read(bank.LogEntries.Single().RequestMessage!.Body!).Select(p => p.SerialNo.Value),
                Is.EqualTo(new[] { "12345678", "12345679" }));
        });
    }
}
