namespace ApexAgent.Portal.Api;

public static class EndpointPermissionExtensions
{
    /// <summary>Requires an API key whose scopes include <paramref name="permission"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(permission).WithMetadata(new ApiPermission(permission));

    /// <summary>Marks an endpoint as deliberately public.</summary>
    public static TBuilder AllowAnyone<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().WithMetadata(new ApiPermission("public"));
}
