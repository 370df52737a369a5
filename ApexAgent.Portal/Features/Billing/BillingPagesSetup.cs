using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>Downloads the billing pages link to, authenticated by the portal cookie (the API has its own).</summary>
public static class BillingPagesSetup
{
    public static void MapBillingPages(this WebApplication app)
    {
        app.MapGet("/billing/invoices.csv", ExportInvoicesAsync).RequireAuthorization(Permission.BillingRead).ExcludeFromDescription();
    }

    private static async Task<IResult> ExportInvoicesAsync(HttpContext http, InvoiceArchive archive, AccountSnapshots accounts,
        string? number, string? from, string? to, string? status, string? min, string? max, CancellationToken ct)
    {
        var actor = http.Actor();
        var timeZone = (await accounts.GetAsync(actor, ct))?.TimeZone ?? "UTC";
        var search = InvoiceFilter.Parse(number, from, to, status, min, max).ToSearch(0, InvoiceArchive.MaxPageSize, timeZone);
        var csv = await archive.ExportCsvAsync(actor, search, ct);
        return csv.IsSuccess ? TypedResults.File(csv.Value, "text/csv; charset=utf-8", "invoices.csv") : ApiProblems.From(csv.Error);
    }
}
