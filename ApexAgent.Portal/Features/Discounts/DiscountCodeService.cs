using System.Globalization;
using System.Text;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Discounts;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>Staff work on discount codes (platform admins, <see cref="Permission.DiscountsManage"/>): list, create, pause, resume, retire, report.</summary>
public sealed class DiscountCodeService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<DiscountCodeSummary>>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (Refuse(actor, write: false) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var codes = await db.DiscountCodes.AsNoTracking().ToListAsync(ct);
        var counts = await DiscountQueries.LiveRedemptions(db).GroupBy(r => r.DiscountCodeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return codes.OrderByDescending(c => c.CreatedAt)
            .Select(c => new DiscountCodeSummary(c, c.StatusAt(now, counts.GetValueOrDefault(c.Id)), counts.GetValueOrDefault(c.Id))).ToList();
    }

    public async Task<Result<DiscountCodeSummary>> CreateAsync(Actor actor, DiscountCodeTerms terms, CancellationToken ct)
    {
        if (Refuse(actor, write: true) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var created = DiscountCode.Create(terms, actor.UserId, now);
        if (!created.IsSuccess)
        {
            return created.Error;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.DiscountCodes.AnyAsync(c => c.Code == created.Value.Code, ct))
        {
            return new Error("discount_code_exists", $"{created.Value.Code} already exists. Codes are never reused, even when retired.", ErrorKind.Conflict);
        }

        db.DiscountCodes.Add(created.Value);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new DiscountCodeSummary(created.Value, created.Value.StatusAt(now, 0), 0);
    }

    public Task<Result<DiscountCodeSummary>> PauseAsync(Actor actor, string code, CancellationToken ct) => ChangeAsync(actor, code, (c, now) => c.Pause(now), ct);

    public Task<Result<DiscountCodeSummary>> ResumeAsync(Actor actor, string code, CancellationToken ct) => ChangeAsync(actor, code, (c, _) => c.Resume(), ct);

    public Task<Result<DiscountCodeSummary>> RetireAsync(Actor actor, string code, CancellationToken ct) => ChangeAsync(actor, code, (c, now) => c.Retire(now), ct);

    public async Task<Result<DiscountCodeReport>> ReportAsync(Actor actor, string code, CancellationToken ct)
    {
        if (Refuse(actor, write: false) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var normalised = DiscountCode.Normalise(code) ?? "";
        var found = await db.DiscountCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalised, ct);
        if (found is null)
        {
            return NotFound(normalised);
        }

        var redemptions = await DiscountQueries.LiveRedemptions(db).AsNoTracking().Where(r => r.DiscountCodeId == found.Id).OrderBy(r => r.RedeemedAt).ToListAsync(ct);
        var organizationIds = redemptions.Select(r => r.OrganizationId).Distinct().ToList();
        var subscriptionIds = redemptions.Select(r => r.SubscriptionId).ToList();
        var names = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var prefix = $"Code {found.Code}:";
        var lines = await (from l in db.Set<InvoiceLine>()
                           join i in db.Invoices on l.InvoiceId equals i.Id
                           where l.Kind == InvoiceLineKind.CodeDiscount && i.SubscriptionId != null && subscriptionIds.Contains(i.SubscriptionId.Value)
                                 && i.Number != null && i.Status != InvoiceStatus.Void && l.Description.StartsWith(prefix)
                           select new { SubscriptionId = i.SubscriptionId!.Value, i.CurrencyCode, l.AmountMinor }).ToListAsync(ct);
        var paid = await db.Subscriptions.Where(s => organizationIds.Contains(s.OrganizationId) && s.Tier != TierCode.Free
                && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.PastDue))
            .Select(s => new { s.OrganizationId, s.Cycle }).ToListAsync(ct);
        var cycles = await db.Subscriptions.Where(s => subscriptionIds.Contains(s.Id)).Select(s => new { s.Id, s.Cycle }).ToDictionaryAsync(s => s.Id, s => s.Cycle, ct);
        var rows = new List<DiscountRedemptionRow>();
        var endedLongEnough = 0;
        var retained = 0;
        foreach (var r in redemptions)
        {
            var mine = lines.Where(l => l.SubscriptionId == r.SubscriptionId).ToList();
            var stillPaying = paid.Any(p => p.OrganizationId == r.OrganizationId);
            var cycle = cycles.GetValueOrDefault(r.SubscriptionId, BillingCycle.Monthly);
            var periodAfter = r.EndedAt is { } ended ? (cycle == BillingCycle.Annual ? ended.AddYears(1) : ended.AddMonths(1)) : (DateTimeOffset?)null;
            var counted = periodAfter is { } after && after <= now;
            endedLongEnough += counted ? 1 : 0;
            retained += counted && stillPaying ? 1 : 0;
            rows.Add(new DiscountRedemptionRow(r.OrganizationId, names.GetValueOrDefault(r.OrganizationId, ""), r.SubscriptionId, r.RedeemedAt, r.PeriodsUsed, r.Status, r.EndedAt,
                -mine.Sum(l => l.AmountMinor), mine.FirstOrDefault()?.CurrencyCode ?? found.CurrencyCode ?? "USD", counted && stillPaying));
        }

        var byDay = redemptions.GroupBy(r => DateOnly.FromDateTime(r.RedeemedAt.UtcDateTime)).Select(g => (g.Key, g.Count())).ToList();
        var revenue = lines.GroupBy(l => l.CurrencyCode).OrderBy(g => g.Key).Select(g => new Money(-g.Sum(l => l.AmountMinor), Currency.FromCode(g.Key))).ToList();
        return new DiscountCodeReport(found, found.StatusAt(now, redemptions.Count), redemptions.Count, byDay, revenue, endedLongEnough, retained, rows);
    }

    /// <summary>The report's redemptions as CSV (one row per redemption; amounts in major units).</summary>
    public static string Csv(DiscountCodeReport report)
    {
        var csv = new StringBuilder("code,organization_id,organization,subscription_id,redeemed_at,periods_used,status,ended_at,discounted,currency,retained\n");
        foreach (var r in report.Rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{report.Code.Code},{r.OrganizationId},{Cell(r.Organization)},{r.SubscriptionId},{r.RedeemedAt:O},{r.PeriodsUsed},{r.Status.ToString().ToLowerInvariant()},{r.EndedAt:O},")
                .Append(CultureInfo.InvariantCulture, $"{new Money(r.DiscountedMinor, Currency.FromCode(r.Currency)).Major:F2},{r.Currency},{(r.Retained ? "yes" : "no")}\n");
        }

        return csv.ToString();
    }

    /// <summary>Quotes a cell, and defuses spreadsheet formulas (a leading = + - @).</summary>
    private static string Cell(string value)
    {
        var safe = value.Length > 0 && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"") + "\"";
    }

    private async Task<Result<DiscountCodeSummary>> ChangeAsync(Actor actor, string code, Func<DiscountCode, DateTimeOffset, Result<bool>> change, CancellationToken ct)
    {
        if (Refuse(actor, write: true) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var normalised = DiscountCode.Normalise(code) ?? "";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var found = await db.DiscountCodes.FirstOrDefaultAsync(c => c.Code == normalised, ct);
        if (found is null)
        {
            return NotFound(normalised);
        }

        var changed = change(found, now);
        if (!changed.IsSuccess)
        {
            return changed.Error;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var count = await DiscountQueries.LiveRedemptions(db).CountAsync(r => r.DiscountCodeId == found.Id, ct);
        return new DiscountCodeSummary(found, found.StatusAt(now, count), count);
    }

    private static Error NotFound(string code) =>
        new("discount_code_not_found", $"There is no discount code {(code.Length > DiscountCode.MaxCodeLength ? code[..DiscountCode.MaxCodeLength] + "…" : code)}.", ErrorKind.NotFound);

    private static Error? Refuse(Actor actor, bool write)
    {
        if (!actor.Can(Permission.DiscountsManage))
        {
            return new Error("forbidden", "Only platform admins manage discount codes.", ErrorKind.Forbidden);
        }

        return write ? actor.RefuseIfReadOnly() : null;
    }
}
