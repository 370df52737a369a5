using System.Globalization;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing.Reconciliation.Api;

/// <summary>
/// Staff API for the payment reconciliation (what <c>/admin/billing/reconciliation</c> does, with the same permission,
/// <see cref="Permission.BillingOperate"/>, which a platform admin's key may carry): list mismatches by day and status,
/// resolve one with a note (audited), run a day by hand.
/// </summary>
public static class ReconciliationAdminApi
{
    /// <summary>The longest range one listing covers.</summary>
    public const int MaxDays = 400;

    /// <summary>The most mismatches one listing answers (newest day first).</summary>
    public const int MaxRows = 1000;

    public static void MapReconciliationAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapApiGroup("/admin/billing/reconciliation", "Billing operations (staff)").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", List).RequirePermission(Permission.BillingOperate).WithName("ListReconciliationMismatches").Produces<List<ReconciliationMismatchResponse>>()
            .ProducesValidationProblem()
            .WithSummary("Mismatches between our payments and the processors' records for the UTC days from..to (ISO dates, inclusive; default the last 30 days, at most 400), newest day first, at most 1000. status=open (default), resolved or all.");
        group.MapPost("/{id:guid}/resolve", Resolve).RequirePermission(Permission.BillingOperate).WithName("ResolveReconciliationMismatch").Produces<ReconciliationMismatchResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Marks a mismatch resolved with a note saying what was done (3 to 1000 characters; audited). Resolving it again is a 409 already_resolved.");
        group.MapPost("/run", Run).RequirePermission(Permission.BillingOperate).WithName("RunReconciliation").Produces<ReconciliationRunResponse>()
            .ProducesValidationProblem()
            .WithSummary("Compares our payments with every processor's records for one UTC day now (body { \"day\": \"2026-03-01\" }; yesterday when left out). New mismatches are recorded; ones no longer found are resolved by the run.");
    }

    private static async Task<IResult> List(string? from, string? to, string? status, HttpContext http, IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, CancellationToken ct)
    {
        var actor = http.Actor();
        if (!actor.Can(Permission.BillingOperate))
        {
            return ApiProblems.From(OrganizationService.Forbidden("see the payment reconciliation"));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, string[]>();
        var last = ParseDay(to, today, "to", errors);
        var first = ParseDay(from, last.AddDays(-29), "from", errors);
        if (errors.Count == 0 && (first > last || last.DayNumber - first.DayNumber >= MaxDays))
        {
            errors["from"] = [$"from must be on or before to, and the range at most {MaxDays} days."];
        }

        status = string.IsNullOrWhiteSpace(status) ? "open" : status.Trim().ToLowerInvariant();
        if (status is not ("open" or "resolved" or "all"))
        {
            errors["status"] = ["status is open, resolved or all."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.From(Error.Invalid(errors));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.ReconciliationMismatches.AsNoTracking().Where(m => m.Day >= first && m.Day <= last);
        query = status switch
        {
            "open" => query.Where(m => m.ResolvedAt == null),
            "resolved" => query.Where(m => m.ResolvedAt != null),
            _ => query,
        };
        var rows = await query.OrderByDescending(m => m.Day).Take(MaxRows).ToListAsync(ct);
        return TypedResults.Ok(rows.OrderByDescending(m => m.Day).ThenBy(m => m.FoundAt).Select(ReconciliationMismatchResponse.From).ToList());
    }

    private static async Task<IResult> Resolve(Guid id, ResolveMismatchBody? body, HttpContext http, PaymentReconciliation reconciliation, CancellationToken ct)
    {
        var resolved = await reconciliation.ResolveAsync(http.Actor(), id, body?.Note, ct);
        return resolved.IsSuccess ? TypedResults.Ok(ReconciliationMismatchResponse.From(resolved.Value)) : ApiProblems.From(resolved.Error);
    }

    private static async Task<IResult> Run(RunReconciliationBody? body, HttpContext http, PaymentReconciliation reconciliation, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var day = ParseDay(body?.Day, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1), "day", errors);
        if (errors.Count > 0)
        {
            return ApiProblems.From(Error.Invalid(errors));
        }

        var run = await reconciliation.RunByHandAsync(http.Actor(), day, ct);
        return run.IsSuccess ? TypedResults.Ok(ReconciliationRunResponse.From(run.Value)) : ApiProblems.From(run.Error);
    }

    private static DateOnly ParseDay(string? text, DateOnly fallback, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[field] = [$"{field} is an ISO date such as 2026-03-01."];
        return fallback;
    }
}
