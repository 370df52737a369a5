using Microsoft.Extensions.Http.Logging;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// Logs the PayPal client's HTTP calls in place of Microsoft.Extensions.Http's default loggers, which write the full
/// request URI (and so vault token and order ids) at Information: method, the redacted path
/// (<see cref="PayPalLoggedPath"/>), status and time. No headers, no bodies, no query strings.
/// </summary>
public sealed class PayPalHttpLogger(ILogger<PayPalHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request)
    {
        logger.LogDebug("PayPal {Method} {Path} sent", request.Method, PayPalLoggedPath.Of(request.RequestUri));
        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        logger.LogInformation("PayPal {Method} {Path} answered {Status} in {ElapsedMs:0} ms", request.Method, PayPalLoggedPath.Of(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        logger.LogWarning("PayPal {Method} {Path} failed after {ElapsedMs:0} ms ({Error})", request.Method, PayPalLoggedPath.Of(request.RequestUri), elapsed.TotalMilliseconds, exception.GetType().Name);
}
