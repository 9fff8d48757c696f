using System.Net.Http.Json;
using System.Text;

namespace Harness.Devices.Keyfobs;

/// <summary>The bank's answer to a PSKC import (CONTRACTS.md §5).</summary>
public sealed record PskcImportResult(int Imported, IReadOnlyList<string> Serials);

/// <summary>Hands a keyfob batch's PSKC file to the bank's staff import, as the vendor's delivery does.</summary>
public static class PskcDelivery
{
    public const string ImportPath = "/staff/api/keyfobs/import";

    /// <summary>POSTs the batch's PSKC file; a refusal by the bank is unexpected here and throws with its body.</summary>
    public static async Task<PskcImportResult> ImportIntoBankAsync(this KeyfobBatch batch, HttpClient http, Uri bankBaseUrl,
        CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(batch.ExportPskc(), Encoding.UTF8, Pskc.ContentType);
        using var response = await http.PostAsync(new Uri(bankBaseUrl, ImportPath), content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"The bank refused the PSKC import: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }
        return await response.Content.ReadFromJsonAsync<PskcImportResult>(cancellationToken).ConfigureAwait(false)
            ?? throw new FormatException("The bank's PSKC import answer is empty.");
    }
}
