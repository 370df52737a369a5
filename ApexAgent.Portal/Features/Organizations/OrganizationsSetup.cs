namespace ApexAgent.Portal.Features.Organizations;

public static class OrganizationsSetup
{
    public static void AddOrganizations(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<OrganizationService>();
        builder.Services.AddScoped<MemberService>();
        builder.Services.AddScoped<InvitationAcceptance>();
        builder.Services.AddScoped<Support.SupportViewService>();
    }

    public static void MapOrganizations(this WebApplication app) => app.MapOrganizationApi();
}
