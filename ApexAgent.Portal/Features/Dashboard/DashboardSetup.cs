namespace ApexAgent.Portal.Features.Dashboard;

public static class DashboardSetup
{
    public static void AddDashboard(this WebApplicationBuilder builder) => builder.Services.AddScoped<DashboardService>();
}
