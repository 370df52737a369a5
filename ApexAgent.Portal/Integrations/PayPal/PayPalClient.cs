using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// PayPal's REST API over one resilient <see cref="HttpClient"/> (see <see cref="PayPalResilience"/>). Each call carries
/// the cached access token; a 401 renews it once and resends. Calls that move money carry <c>PayPal-Request-Id</c>, which
/// PayPal uses to answer a repeated request with the first one's result. Failures come back as a
/// <see cref="PayPalResponse"/>; a call that outlived its retries or found the breaker open throws (HTTP, timeout or
/// broken-circuit exceptions), and callers turn that into "outcome unknown".
/// </summary>
public sealed class PayPalClient(IHttpClientFactory http, PayPalAccessTokens tokens, ILogger<PayPalClient> logger)
{
    public const string HttpClientName = "paypal";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public async Task<PayPalResponse> SendAsync(HttpMethod method, string path, object? body, string? requestId, CancellationToken ct)
    {
        var token = await tokens.GetAsync(ct);
        var response = await SendOnceAsync(method, path, body, requestId, token, ct);
        if (response.Status == HttpStatusCode.Unauthorized)
        {
            // The token expired early or was revoked: renew it once (shared with concurrent callers) and resend.
            token = await tokens.RenewAsync(token, ct);
            response = await SendOnceAsync(method, path, body, requestId, token, ct);
        }

        if (!response.IsSuccess)
        {
            logger.LogWarning("PayPal {Method} {Path} answered {Status} {Name} {Issue} (debug id {DebugId})", method, PayPalLoggedPath.Of(path), (int)response.Status, response.Name, response.Issue, response.DebugId);
        }

        return response;
    }

    private async Task<PayPalResponse> SendOnceAsync(HttpMethod method, string path, object? body, string? requestId, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (requestId is not null)
        {
            request.Headers.Add("PayPal-Request-Id", requestId);
            request.Headers.Add("Prefer", "return=representation");
        }

        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
        }

        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonElement json;
        try
        {
            json = string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            json = default;
        }

        return new PayPalResponse(response.StatusCode, json);
    }
}
