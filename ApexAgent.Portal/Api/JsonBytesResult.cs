namespace ApexAgent.Portal.Api;

/// <summary>Writes an already-serialized JSON body as it is (for answers cached in serialized form).</summary>
public sealed class JsonBytesResult(ReadOnlyMemory<byte> body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body).AsTask();
    }
}
