namespace ApexAgent.Portal.Features.Organizations;

/// <summary>
/// Where links in emails point. <c>Portal:PublicUrl</c> when configured (production: set it, so that a forged Host
/// header can never steer a link elsewhere); otherwise the address the request came to.
/// </summary>
public static class PublicLinks
{
    public static Uri BaseOf(IConfiguration configuration, Uri requestBase) =>
        Uri.TryCreate(configuration["Portal:PublicUrl"], UriKind.Absolute, out var configured)
            ? new Uri(configured.ToString().TrimEnd('/') + "/")
            : requestBase;

    public static Uri BaseOf(HttpContext http) =>
        BaseOf(http.RequestServices.GetRequiredService<IConfiguration>(), new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/"));
}
