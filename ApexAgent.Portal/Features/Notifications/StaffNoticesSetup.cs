using ApexAgent.Portal.Features.Billing.Webhooks;

namespace ApexAgent.Portal.Features.Notifications;

public static class StaffNoticesSetup
{
    /// <summary>Notices to ApexAgent's own staff (ADR 0025): disputes opened and closed.</summary>
    public static void AddStaffNotices(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StaffNotices>();
        builder.Services.AddSingleton<DisputeAlerts>();
    }
}
