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
/// <summary>How long the bank waits for the vendor, measured on the bank's TimeProvider (the harness's virtual clock).</summary>
public sealed record VendorTimeout(TimeSpan Value);

public sealed class HttpTokenVendor(HttpClient http, TimeProvider clock, VendorTimeout timeout, ILogger<HttpTokenVendor> logger) : ITokenVendor
{
    public async Task<VendorAnswer> ValidateAsync(string credentialId, string securityCode, CancellationToken cancellationToken)
    {
        // The timeout runs on the bank's clock, not HttpClient's wall-clock timer, so a harness decides when it passes.
        using var giveUp = new CancellationTokenSource(timeout.Value, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, giveUp.Token);
        try
        {
            using var response = await http.PostAsJsonAsync("vip/v1/validate", new { credentialId, securityCode }, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("token vendor answered {Status}", (int)response.StatusCode);
                return VendorAnswer.Outage;
            }
            var body = await response.Content.ReadFromJsonAsync<VendorBody>(linked.Token);
            return body?.Result switch
            {
                "valid" => VendorAnswer.Valid,
                "invalid" => VendorAnswer.Invalid,
                "unknown_credential" => VendorAnswer.UnknownCredential,
                _ => VendorAnswer.Outage,
            };
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or NotSupportedException)
        {
            logger.LogWarning("token vendor unreachable: {Kind}", e.GetType().Name);
            return VendorAnswer.Outage;
        }
    }

    private sealed record VendorBody(string? Result);
}
