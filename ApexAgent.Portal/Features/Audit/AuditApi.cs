using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>The audit log of the caller's organisation, always that one: read it and verify it.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var audit = endpoints.MapApiGroup("/audit", "Audit log")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        audit.MapGet("", List).RequirePermission(Permission.AuditRead).WithName("ListAuditEntries").Produces<AuditLogResponse>()
            .WithSummary("Your organisation's audit log, newest first. Filter by action (exact), actor (part of an email or a user id) and an instant range (from inclusive, to exclusive); page from 1, up to 100 entries a page.")
            .ProducesValidationProblem();
        audit.MapGet("/verification", Verify).RequirePermission(Permission.AuditRead).WithName("VerifyAuditLog").Produces<AuditVerificationResponse>()
            .WithSummary("Verifies your organisation's audit log: intact with the number of entries, or the first entry that was altered, deleted or reordered.");
    }

    private static async Task<IResult> List(
        HttpContext http,
        AuditLogService service,
        string? action,
        string? actor,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? page,
        int? pageSize,
        CancellationToken ct)
    {
        var number = page ?? 1;
        var size = pageSize ?? 50;
        var query = new AuditLogQuery(action, actor, from, to, number - 1, size); // always the caller's own organisation
        var result = await service.ListAsync(http.Actor(), query, ct);
        return result.IsSuccess
            ? TypedResults.Ok(new AuditLogResponse(result.Value.Items.Select(AuditEntryResponse.From).ToList(), number, size, result.Value.Total))
            : ApiProblems.From(result.Error);
    }

    private static async Task<IResult> Verify(HttpContext http, AuditLogService service, CancellationToken ct)
    {
        var result = await service.VerifyAsync(http.Actor(), null, ct);
        return result.IsSuccess ? TypedResults.Ok(AuditVerificationResponse.From(result.Value)) : ApiProblems.From(result.Error);
    }
}
