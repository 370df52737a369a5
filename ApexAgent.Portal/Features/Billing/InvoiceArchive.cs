using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// The organisation's finalised invoices and credit notes (drafts are not documents), its payments, and the CSV
/// export. Tenancy: every query is limited to the organisation the actor acts for.
/// </summary>
public sealed class InvoiceArchive(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const int MaxPageSize = 100;
    public const int MaxExportRows = 50_000;

    public async Task<Result<(IReadOnlyList<InvoiceSummary> Items, int Total)>> SearchAsync(Actor actor, InvoiceSearch search, CancellationToken ct)
    {
        if (Validate(actor, search) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filter(db, actor.OrganizationId, search);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(i => i.FinalizedAt).ThenByDescending(i => i.Number)
            .Skip(search.Page * search.PageSize).Take(search.PageSize).ToListAsync(ct);
        return (items.Select(InvoiceSummary.Of).ToList(), total);
    }

    public async Task<Result<byte[]>> ExportCsvAsync(Actor actor, InvoiceSearch search, CancellationToken ct)
    {
        if (Validate(actor, search with { Page = 0, PageSize = 1 }) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Filter(db, actor.OrganizationId, search).Include(i => i.Lines).OrderBy(i => i.FinalizedAt).ThenBy(i => i.Number).Take(MaxExportRows).ToListAsync(ct);
        var csv = new CsvDocument("number", "kind", "status", "purpose", "issued_at", "due_at", "paid_at", "period_start", "period_end", "currency", "subtotal", "balance_applied", "total", "amount_due", "buyer", "buyer_tax_id", "memo");
        foreach (var i in rows)
        {
            csv.Row(i.Number, Snake(i.Kind), Snake(i.Status), Snake(i.Purpose), i.FinalizedAt?.ToString("o"), i.DueAt?.ToString("o"), i.PaidAt?.ToString("o"), i.PeriodStart?.ToString("o"), i.PeriodEnd?.ToString("o"),
                i.CurrencyCode, ApiMoney.Decimal(i.Subtotal), ApiMoney.Decimal(i.BalanceApplied), ApiMoney.Decimal(i.Total), ApiMoney.Decimal(i.AmountDue), i.BuyerName, i.BuyerTaxId, i.Memo ?? i.Reason);
        }

        return csv.ToBytes();
    }

    public async Task<Result<InvoiceDetail>> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingRead))
        {
            return OrganizationService.Forbidden("see invoices");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .FirstOrDefaultAsync(i => i.Id == id && i.OrganizationId == actor.OrganizationId && i.Number != null, ct);
        if (invoice is null)
        {
            return Error.NotFound("invoice", "invoice");
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == id).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        var notes = await db.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => i.CorrectsInvoiceId == id && i.Number != null).OrderBy(i => i.FinalizedAt).ToListAsync(ct);
        var corrects = invoice.CorrectsInvoiceId is { } original ? await db.Invoices.Where(i => i.Id == original).Select(i => i.Number).FirstOrDefaultAsync(ct) : null;
        return new InvoiceDetail(invoice, payments, notes.Select(InvoiceSummary.Of).ToList(), corrects);
    }

    /// <summary>Every charge and refund, newest first (failed attempts included, so people see what happened).</summary>
    public async Task<Result<(IReadOnlyList<PaymentHistoryItem> Items, int Total)>> PaymentsAsync(Actor actor, int page, int pageSize, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingRead))
        {
            return OrganizationService.Forbidden("see payments");
        }

        if (page < 0 || pageSize is < 1 or > MaxPageSize)
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["pageSize"] = [$"Pages start at 1 and hold 1 to {MaxPageSize} payments."] });
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = from p in db.Payments.AsNoTracking()
                    where p.OrganizationId == actor.OrganizationId
                    join i in db.Invoices on p.InvoiceId equals i.Id
                    select new { p, i.Number, i.Memo };
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(x => x.p.CreatedAt).Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return (rows.Select(x => new PaymentHistoryItem(x.p.Id, x.p.InvoiceId, x.Number, x.Memo, x.p.Kind, x.p.Status, x.p.Amount, x.p.MethodDescription, x.p.FailureCode, x.p.FailureMessage, x.p.CreatedAt, x.p.CompletedAt)).ToList(), total);
    }

    private static IQueryable<Invoice> Filter(PortalDbContext db, Guid organizationId, InvoiceSearch search)
    {
        var query = db.Invoices.AsNoTracking().Where(i => i.OrganizationId == organizationId && i.Number != null);
        if (!string.IsNullOrWhiteSpace(search.Number))
        {
            var number = search.Number.Trim().ToUpperInvariant();
            query = query.Where(i => i.Number!.Contains(number));
        }

        if (search.From is { } from)
        {
            query = query.Where(i => i.FinalizedAt >= from);
        }

        if (search.To is { } to)
        {
            query = query.Where(i => i.FinalizedAt < to);
        }

        if (search.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (search.Kind is { } kind)
        {
            query = query.Where(i => i.Kind == kind);
        }

        if (search.MinTotalMinor is { } min)
        {
            query = query.Where(i => i.TotalMinor >= min);
        }

        if (search.MaxTotalMinor is { } max)
        {
            query = query.Where(i => i.TotalMinor <= max);
        }

        return query;
    }

    private static Error? Validate(Actor actor, InvoiceSearch search)
    {
        if (!actor.Can(Permission.BillingRead))
        {
            return OrganizationService.Forbidden("see invoices");
        }

        var errors = new FieldErrors()
            .Require(search.Page >= 0, "page", "Pages start at 1.")
            .Require(search.PageSize is >= 1 and <= MaxPageSize, "pageSize", $"A page holds 1 to {MaxPageSize} invoices.")
            .Require(search.Number is null || search.Number.Length <= 30, "number", "The number filter is at most 30 characters.")
            .Require(search.From is null || search.To is null || search.From < search.To, "to", "The end of the date range must come after its start.")
            .Require(search.MinTotalMinor is null || search.MaxTotalMinor is null || search.MinTotalMinor <= search.MaxTotalMinor, "maxAmount", "The largest amount must not be below the smallest.")
            .Require(search.Status is null || Enum.IsDefined(search.Status.Value), "status", "Unknown status.")
            .Require(search.Kind is null || Enum.IsDefined(search.Kind.Value), "kind", "Unknown kind.");
        return errors.Any ? errors.ToError() : null;
    }

    private static string Snake<T>(T value) where T : struct, Enum => ApiMoney.Snake(value.ToString());
}
