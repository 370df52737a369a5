namespace ApexAgent.Benchmarks.Load;

/// <summary>One endpoint under load: a GET on <see cref="Path"/>, optionally with a bearer token.</summary>
public sealed record EndpointRequest(string Name, string Path, string? BearerToken)
{
    public HttpRequestMessage Create()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path);
        if (BearerToken is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + BearerToken);
        }

        return request;
    }
}
