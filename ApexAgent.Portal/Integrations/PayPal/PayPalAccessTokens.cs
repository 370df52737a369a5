using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// PayPal's OAuth2 access token (client credentials, <c>POST /v1/oauth2/token</c>), cached until shortly before its
/// <c>expires_in</c>. One renewal at a time: callers that find the token stale (or rejected with a 401) wait for the
/// same renewal instead of asking PayPal each. The token and the secret are never logged.
/// </summary>
public sealed class PayPalAccessTokens(IHttpClientFactory http, IOptions<PayPalOptions> options, TimeProvider clock, ILogger<PayPalAccessTokens> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile CachedToken? current;

    /// <summary>How many tokens were obtained from PayPal since start (for health and tests).</summary>
    public int Obtained { get; private set; }

    /// <summary>A valid token, from the cache when it is fresh.</summary>
    public Task<string> GetAsync(CancellationToken ct) =>
        current is { } cached && clock.GetUtcNow() < cached.RenewAt ? Task.FromResult(cached.Value) : RenewAsync(null, ct);

    /// <summary>
    /// A new token, unless another caller already replaced <paramref name="rejected"/> (or the stale one) with a fresh
    /// one while this caller waited.
    /// </summary>
    public async Task<string> RenewAsync(string? rejected, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (current is { } cached && cached.Value != rejected && clock.GetUtcNow() < cached.RenewAt)
            {
                return cached.Value;
            }

            var o = options.Value;
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/oauth2/token")
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.ClientId}:{o.ClientSecret}")));
            using var response = await http.CreateClient(PayPalClient.HttpClientName).SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogError("PayPal refused the client credentials: {Status}", (int)response.StatusCode);
                throw new HttpRequestException($"PayPal refused the client credentials ({(int)response.StatusCode}).", null, response.StatusCode);
            }

            using var json = JsonDocument.Parse(body);
            var token = json.RootElement.GetProperty("access_token").GetString() ?? throw new HttpRequestException("PayPal answered without an access token.");
            var lifetime = TimeSpan.FromSeconds(json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : 300);
            var margin = TimeSpan.FromSeconds(o.TokenRefreshMarginSeconds);
            if (margin > lifetime / 2)
            {
                margin = lifetime / 2;
            }

            current = new CachedToken(token, clock.GetUtcNow() + lifetime - margin);
            Obtained++;
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset RenewAt);
}
