using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>ApexAgent staff's credit operations: promotional and support grants, overdraft allowances (permission <c>credits.operate</c>).</summary>
public static class StaffCreditsApi
{
    public static void MapStaffCredits(this WebApplication app)
    {
        var admin = app.MapApiGroup("/admin/credits", "Credit operations (staff)").ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPost("/grants", GrantAsync).RequirePermission(Permission.CreditsOperate).WithName("GrantCredits").Produces<GrantResponse>(StatusCodes.Status201Created)
            .WithSummary("Gives an organisation promotional or support credits with a reason (10–300 characters); they expire in 90 days unless expiresAt says otherwise. Audited.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/organizations/{id:guid}/overdraft", SetOverdraftAsync).RequirePermission(Permission.CreditsOperate).WithName("SetCreditOverdraft").Produces<OverdraftResponse>()
            .WithSummary("Sets how far an organisation's usage may go below zero, in credits (0: never). Audited.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/organizations/{id:guid}", GetAsync).RequirePermission(Permission.CreditsOperate).WithName("GetOrganizationCredits").Produces<StaffCreditsResponse>()
            .WithSummary("An organisation's available balance, overdraft and newest grants.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GrantAsync(HttpContext http, GrantCreditsBody body, StaffCreditsService staff, CancellationToken ct)
    {
        var result = await staff.GrantAsync(http.Actor(), new StaffCreditGrant(body.OrganizationId, body.Credits, body.Reason, body.ExpiresAt), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/admin/credits/organizations/{body.OrganizationId}", GrantResponse.From(result.Value))
            : ApiProblems.From(result.Error);
    }

    private static async Task<IResult> SetOverdraftAsync(HttpContext http, Guid id, OverdraftBody body, StaffCreditsService staff, CancellationToken ct)
    {
        var result = await staff.SetOverdraftAsync(http.Actor(), id, body.Credits, ct);
        return result.IsSuccess ? TypedResults.Ok(new OverdraftResponse(id, result.Value.Credits)) : ApiProblems.From(result.Error);
    }

    private static async Task<IResult> GetAsync(HttpContext http, Guid id, StaffCreditsService staff, CancellationToken ct)
    {
        var result = await staff.ViewAsync(http.Actor(), id, ct);
        return result.IsSuccess ? TypedResults.Ok(StaffCreditsResponse.From(result.Value)) : ApiProblems.From(result.Error);
    }
}
