using System.Globalization;
using System.Threading.RateLimiting;
using ApexAgent.Portal.Features.Account;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Api;

/// <summary>Rate limits the API per key; a refusal is a 429 problem with <c>Retry-After</c>.</summary>
public static class ApiRateLimiting
{
    public static void AddApiRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiRateLimitOptions>()
            .Bind(builder.Configuration.GetSection(ApiRateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(ApiRateLimitOptions.Policy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
                var partition = context.Features.Get<Actor>()?.ApiKeyId?.ToString() ?? "address:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst,
                    TokensPerPeriod = options.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, ct) =>
            {
                var options = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                var problem = ApiProblems.Create(429, "rate_limited", $"Too many requests: each API key may make {options.RequestsPerSecond} requests per second (bursts of {options.Burst}). Retry after {retryAfter} s.");
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = rejected.HttpContext, ProblemDetails = problem });
            };
        });
    }
}
