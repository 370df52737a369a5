using System.ComponentModel.DataAnnotations;

namespace ApexAgent.Portal.Api;

/// <summary>
/// <c>Api:RateLimit:*</c>: a token bucket per API key (per client address for public endpoints). A key may make
/// <see cref="Burst"/> requests at once and <see cref="RequestsPerSecond"/> on average.
/// </summary>
public sealed class ApiRateLimitOptions
{
    public const string Section = "Api:RateLimit";
    public const string Policy = "api-key";

    [Range(1, 10_000_000)]
    public int RequestsPerSecond { get; set; } = 50;

    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 100;
}
