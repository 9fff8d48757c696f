using System.Net.Http.Json;
using System.Text.Json;

namespace Harness.Bank.Vip;

public enum VendorAnswer { Valid, Invalid, UnknownCredential, Outage }

/// <summary>The VIP Access vendor seam: the bank never holds these seeds, it asks.</summary>
public interface ITokenVendor
{
    Task<VendorAnswer> ValidateAsync(string credentialId, string securityCode, CancellationToken cancellationToken);
}

/// <summary>POST {base}/vip/v1/validate (CONTRACTS.md §3); anything unexpected is an outage.</summary>
public sealed class HttpTokenVendor(HttpClient http, ILogger<HttpTokenVendor> logger) : ITokenVendor
{
    public async Task<VendorAnswer> ValidateAsync(string credentialId, string securityCode, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("vip/v1/validate", new { credentialId, securityCode }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("token vendor answered {Status}", (int)response.StatusCode);
                return VendorAnswer.Outage;
            }
            var body = await response.Content.ReadFromJsonAsync<VendorBody>(cancellationToken);
            return body?.Result switch
            {
                "valid" => VendorAnswer.Valid,
                "invalid" => VendorAnswer.Invalid,
                "unknown_credential" => VendorAnswer.UnknownCredential,
                _ => VendorAnswer.Outage,
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException)
        {
            logger.LogWarning("token vendor unreachable: {Kind}", e.GetType().Name);
            return VendorAnswer.Outage;
        }
    }

    private sealed record VendorBody(string? Result);
}
