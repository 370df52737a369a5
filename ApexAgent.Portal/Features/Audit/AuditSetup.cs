using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ApexAgent.Portal.Features.Audit;

public static class AuditSetup
{
    /// <summary>
    /// The read-only guard and the audit interceptor are registered as <see cref="IInterceptor"/>s, which the
    /// database setup adds to every <c>PortalDbContext</c>, in this order.
    /// </summary>
    public static void AddAudit(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IInterceptor, ReadOnlyViewGuard>();
        services.AddSingleton<IInterceptor, AuditInterceptor>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditLogService>();
    }

    public static void MapAudit(this WebApplication app) => app.MapAuditApi();
}
