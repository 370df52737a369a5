using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// The resilience of every call to PayPal, outermost first: a total timeout, retries of transient failures (5xx, 408,
/// 429, connection failures, attempt timeouts) with backoff — the same request message is resent, so its
/// <c>PayPal-Request-Id</c> is the same and PayPal does the work once —, a circuit breaker, and a per-attempt timeout.
/// The pipeline is built once (the breaker's state is shared by all calls) and runs on the wall clock, not on the
/// portal's <see cref="TimeProvider"/> (which tests move by hand).
/// </summary>
public static class PayPalResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Build(PayPalOptions options)
    {
        var attempt = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds);
        return new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "paypal-total", Timeout = TimeSpan.FromSeconds(options.TotalTimeoutSeconds) })
            .AddRetry(new HttpRetryStrategyOptions
            {
                Name = "paypal-retry",
                MaxRetryAttempts = options.MaxRetries,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "paypal-breaker",
                FailureRatio = 0.5,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = attempt * 2 > TimeSpan.FromSeconds(30) ? attempt * 2 : TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds),
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "paypal-attempt", Timeout = attempt })
            .Build();
    }
}
