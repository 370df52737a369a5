using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;

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

    public static void MapOrganizations(this WebApplication app)
    {
        app.MapOrganizationApi();

        // For the browser (the sign-in cookie): the members page's "Export CSV", with the page's filters.
        app.MapGet("/organization/members.csv", ExportMembersAsync).RequireAuthorization(Permission.MembersRead).ExcludeFromDescription();
    }

    private static async Task<IResult> ExportMembersAsync(HttpContext http, MemberService members, string? q, string? role, Guid? unit, CancellationToken ct)
    {
        var roleFilter = Enum.TryParse<OrganizationRole>(role, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (OrganizationRole?)null;
        var csv = new CsvDocument("Name", "Email", "Role", "Place", "Joined (UTC)");
        for (var page = 1; ; page++)
        {
            var batch = await members.ListAsync(http.Actor(), new MemberQuery(q, roleFilter, unit, page, 200), ct);
            if (!batch.IsSuccess)
            {
                return ApiProblems.From(batch.Error);
            }

            foreach (var member in batch.Value.Items)
            {
                csv.Row(member.Name, member.Email, member.Role, member.Place, member.JoinedAt);
            }

            if (page * batch.Value.PageSize >= batch.Value.Total)
            {
                break;
            }
        }

        return TypedResults.File(csv.ToBytes(), "text/csv; charset=utf-8", "members.csv");
    }
}
