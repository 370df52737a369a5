using System.Text.Json;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Audit;
using Microsoft.AspNetCore.Diagnostics;

namespace ApexAgent.Portal.Api;

/// <summary>
/// Turns a request the framework could not read (malformed JSON, wrong types, unknown members, oversized body)
/// into a 4xx problem with a helpful detail; anything else becomes a 500 problem without internals.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!ApiProblems.IsApiRequest(httpContext.Request))
        {
            return false;
        }

        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } =>
                ApiProblems.Create(400, "malformed_json", "The body is not valid JSON for this endpoint: " + DescribeJsonError(json)),
            BadHttpRequestException bad =>
                ApiProblems.Create(bad.StatusCode, bad.StatusCode == 413 ? "payload_too_large" : "bad_request", bad.Message),
            ReadOnlyViewException =>
                ApiProblems.Create(403, Actor.ReadOnlyView.Code, Actor.ReadOnlyView.Message),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = ApiProblems.Create(500, "internal_error", "Something went wrong on our side. Nothing was changed; please try again.");
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>Says what is wrong and where, without naming our internal types.</summary>
    private static string DescribeJsonError(JsonException json)
    {
        var path = json.Path is { Length: > 0 } p ? p : "$";
        if (json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return $"'{path}' is not a field of this request. Check the field names in the API reference.";
        }

        if (json.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"the value at '{path}' has the wrong type. Check the API reference for the expected type.";
        }

        return $"the body could not be parsed near '{path}'" + (json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})." : ".");
    }
}
