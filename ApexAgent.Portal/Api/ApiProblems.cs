using ApexAgent.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace ApexAgent.Portal.Api;

/// <summary>Turns expected failures into RFC 7807 problem details that always carry a stable <c>code</c>.</summary>
public static class ApiProblems
{
    public static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/v1") || request.Path.StartsWithSegments("/health") || request.Path.StartsWithSegments("/openapi");

    public static IResult From(Error error)
    {
        var status = error.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.PaymentRequired => StatusCodes.Status402PaymentRequired,
            _ => StatusCodes.Status400BadRequest,
        };
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Fields.Count > 0)
        {
            return TypedResults.ValidationProblem(error.Fields, error.Message, title: TitleFor(status), extensions: extensions);
        }

        return TypedResults.Problem(error.Message, statusCode: status, title: TitleFor(status), extensions: extensions);
    }

    /// <summary>Gives every problem a <c>code</c>, including those written by the framework (404, 405, 415 …).</summary>
    public static void AddStableCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions.TryAdd("code", CodeFor(status));
        problem.Type = TypeFor((string)problem.Extensions["code"]!);
        problem.Title = TitleFor(status);
        problem.Detail ??= DetailFor(status);
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions.Remove("traceId");
    }

    public static ProblemDetails Create(int status, string code, string detail) => new()
    {
        Status = status,
        Title = TitleFor(status),
        Detail = detail,
        Type = TypeFor(code),
        Extensions = { ["code"] = code },
    };

    /// <summary>A stable identifier per code, as RFC 7807 asks for.</summary>
    public static string TypeFor(string code) => "https://apexagent.dev/problems/" + code;

    private static string? DetailFor(int status) => status switch
    {
        404 => "There is nothing at this address. Check the path and the id against the API reference at /api/docs.",
        405 => "This address does not accept this HTTP method. The API reference at /api/docs lists the methods.",
        415 => "Send the body as JSON with 'Content-Type: application/json'.",
        _ => null,
    };

    private static string CodeFor(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        _ when status >= 500 => "internal_error",
        _ => "error",
    };

    private static string TitleFor(int status) => status switch
    {
        400 => "The request is not valid.",
        401 => "Authentication is required.",
        402 => "Not enough credits.",
        403 => "You are not allowed to do this.",
        404 => "Not found.",
        405 => "This method is not allowed here.",
        409 => "The request conflicts with the current state.",
        413 => "The request body is too large.",
        415 => "Send the body as application/json.",
        429 => "Too many requests.",
        _ => "Something went wrong on our side.",
    };
}
