using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Harness.Conformance.Support;

/// <summary>An answer of the bank's JSON API: status and body; a refusal carries {"code","message"}.</summary>
public sealed class ApiReply
{
    private ApiReply(HttpStatusCode status, string text)
    {
        Status = status;
        Text = text;
        Json = text.Length > 0 && (text[0] == '{' || text[0] == '[') ? JsonDocument.Parse(text).RootElement.Clone() : default;
    }

    public HttpStatusCode Status { get; }

    public string Text { get; }

    public JsonElement Json { get; }

    public bool Ok => (int)Status is >= 200 and < 300;

    public string? this[string name] =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    /// <summary>The Japanese message the bank gave (refusal or completion).</summary>
    public string Message => this["message"] ?? string.Empty;

    public static async Task<ApiReply> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, await response.Content.ReadAsStringAsync());

    public override string ToString() => $"{(int)Status} {Text}";
}

/// <summary>The bank's JSON API as the harness calls it (customer calls carry the session as a bearer token; 窓口 calls do not).</summary>
public sealed class BankApi(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl };

    public async Task<ApiReply> PostAsync(string path, object? body = null, string? session = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (session is not null)
        {
            request.Headers.Authorization = new("Bearer", session);
        }

        using var response = await _http.SendAsync(request);
        return await ApiReply.ReadAsync(response);
    }

    public async Task<ApiReply> GetAsync(string path, string? session = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (session is not null)
        {
            request.Headers.Authorization = new("Bearer", session);
        }

        using var response = await _http.SendAsync(request);
        return await ApiReply.ReadAsync(response);
    }

    /// <summary>A call whose success the scenario takes for granted (a precondition): a refusal stops the scenario, saying why.</summary>
    public static ApiReply Require(ApiReply reply, string what) =>
        reply.Ok ? reply : throw new InvalidOperationException($"前提の操作「{what}」を銀行が拒否しました: {reply}");

    public void Dispose() => _http.Dispose();
}
