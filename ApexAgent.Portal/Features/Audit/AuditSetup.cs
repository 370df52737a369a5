using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;
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

    /// <summary>Exports stop here; narrow the dates for more.</summary>
    public const int LongestExport = 50_000;

    public static void MapAudit(this WebApplication app)
    {
        app.MapAuditApi();

        // For the browser (the sign-in cookie): the audit page's "Export CSV", with the page's filters.
        app.MapGet("/audit.csv", ExportAsync).RequireAuthorization(Permission.AuditRead).ExcludeFromDescription();
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, AuditLogService log, AccountSnapshots accounts, string? action, string? actor, string? from, string? to, string? org, bool? all, CancellationToken ct)
    {
        var who = http.Actor();
        var timeZone = (await accounts.GetAsync(who, ct))?.TimeZone ?? "UTC";
        var filter = AuditLogFilter.Parse(action, actor, from, to, org, all);
        var csv = new CsvDocument("Entry", "Occurred (UTC)", "Organisation", "Action", "Who", "Support staff", "Subject", "Subject id", "Before", "After", "From address", "Reason", "Hash");
        for (var page = 0; page * AuditLogService.MaxPageSize < LongestExport; page++) // pages count from 0 here
        {
            var batch = await log.ListAsync(who, filter.ToQuery(page, AuditLogService.MaxPageSize, timeZone), ct);
            if (!batch.IsSuccess)
            {
                return ApiProblems.From(batch.Error);
            }

            foreach (var e in batch.Value.Items)
            {
                csv.Row(e.Sequence, e.OccurredAt, e.OrganizationId, e.Action, e.ActorLabel ?? e.ActorUserId ?? "system", e.ImpersonatorLabel ?? e.ImpersonatorUserId,
                    e.EntityType, e.EntityId, e.Before, e.After, e.IpAddress, e.Reason, e.Hash);
            }

            if ((page + 1) * batch.Value.PageSize >= batch.Value.Total)
            {
                break;
            }
        }

        return TypedResults.File(csv.ToBytes(), "text/csv; charset=utf-8", "audit-log.csv");
    }
}
