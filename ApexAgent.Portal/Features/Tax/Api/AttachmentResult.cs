namespace ApexAgent.Portal.Features.Tax.Api;

/// <summary>A download: Content-Disposition attachment, the detected type, and nosniff.</summary>
public sealed class AttachmentResult(byte[] content, string contentType, string fileName) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = contentType;
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        response.ContentLength = content.Length;
        await response.Body.WriteAsync(content);
    }
}
