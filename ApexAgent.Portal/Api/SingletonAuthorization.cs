using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ApexAgent.Portal.Api;

/// <summary>
/// ASP.NET Core registers its authorization services as transient, so every authorized request builds them
/// anew. All of the portal's requirements are stateless claim checks, so one instance of each serves every
/// request (measured: about a quarter of the CPU of <c>GET /api/v1/me</c>; see docs/benchmarks.md).
/// A feature that adds a handler needing scoped services must register it as such and revisit this.
/// </summary>
public static class SingletonAuthorization
{
    public static void UseSingletonAuthorization(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationService, DefaultAuthorizationService>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationHandlerProvider, DefaultAuthorizationHandlerProvider>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationEvaluator, DefaultAuthorizationEvaluator>());
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationHandlerContextFactory, DefaultAuthorizationHandlerContextFactory>());
        services.Replace(ServiceDescriptor.Singleton<IPolicyEvaluator, PolicyEvaluator>());
        services.RemoveAll<IAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, PassThroughAuthorizationHandler>();
    }
}
