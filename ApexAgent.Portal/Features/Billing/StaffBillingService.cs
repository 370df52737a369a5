using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// The read side of billing operations for ApexAgent staff (<see cref="Permission.BillingOperate"/>): find any
/// organisation and see its plan, balance and documents. The customer-facing <see cref="InvoiceArchive"/> is limited to
/// the actor's own organisation; this is the one place staff read across organisations.
/// </summary>
public sealed class StaffBillingService(IDbContextFactory<PortalDbContext> dbFactory, TierCatalog catalog)
{
    public const int MaxResults = 20;
    public const int PageSize = 25;
    public const string TransferProcessor = "bank_transfer";

    /// <summary>Organisations whose name, or an owner's email, contains <paramref name="query"/> (at least two characters), up to <see cref="MaxResults"/>.</summary>
    public async Task<Result<IReadOnlyList<StaffOrganizationResult>>> SearchAsync(Actor actor, string? query, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("look up organisations' billing");
        }

        var term = (query ?? "").Trim().ToUpperInvariant();
        if (term.Length < 2)
        {
            return new List<StaffOrganizationResult>();
        }

        if (term.Length > 200)
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["q"] = ["Search with at most 200 characters."] });
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ownedByMatch = from m in db.Memberships
                           where m.Role == OrganizationRole.Owner
                           join u in db.Users on m.UserId equals u.Id
                           where u.NormalizedEmail!.Contains(term)
                           select m.OrganizationId;
        var rows = await (from o in db.Organizations.AsNoTracking()
                          where o.Name.ToUpper().Contains(term) || ownedByMatch.Contains(o.Id)
                          join s in db.Subscriptions.InForce() on o.Id equals s.OrganizationId into subscriptions
                          from s in subscriptions.DefaultIfEmpty()
                          orderby o.Name, o.Id
                          select new
                          {
                              o.Id,
                              o.Name,
                              Tier = s == null ? TierCode.Free : s.Tier,
                              Status = s == null ? SubscriptionStatus.Active : s.Status,
                              Collection = s == null ? CollectionMethod.ChargeAutomatically : s.CollectionMethod,
                              Contract = s != null && s.ContractPriceMinor != null,
                              Ending = s != null && s.CancelAtPeriodEnd,
                          }).Take(MaxResults).ToListAsync(ct);
        var owners = await OwnersAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => new StaffOrganizationResult(r.Id, r.Name, owners.GetValueOrDefault(r.Id), r.Tier, r.Status, r.Collection, r.Contract, r.Ending)).ToList();
    }

    /// <summary>One organisation's billing: the plan in force, the account balance and its invoices and credit notes, newest first, <see cref="PageSize"/> a page.</summary>
    public async Task<Result<StaffBillingView>> GetAsync(Actor actor, Guid organizationId, int page, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingOperate))
        {
            return OrganizationService.Forbidden("see organisations' billing");
        }

        if (page < 0)
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["page"] = ["Pages start at 1."] });
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct);
        if (organization is null)
        {
            return Error.NotFound("organization", "organisation");
        }

        var subscription = await db.Subscriptions.AsNoTracking().InForce().FirstAsync(s => s.OrganizationId == organizationId, ct);
        var tier = await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, ct);
        var enterprise = await catalog.CurrentAsync(TierCode.Enterprise, ct);
        var position = SubscriptionTimeline.PositionOf(subscription, tier);
        var balance = await BillingBooks.BalanceAsync(db, organizationId, tier.Currency, ct);
        var open = await db.Invoices.Where(i => i.OrganizationId == organizationId && i.Status == InvoiceStatus.Open).SumAsync(i => i.TotalMinor - i.AmountPaidMinor, ct);
        var documents = db.Invoices.AsNoTracking().Where(i => i.OrganizationId == organizationId && i.Number != null);
        var count = await documents.CountAsync(ct);
        var invoices = await documents.OrderByDescending(i => i.FinalizedAt).ThenByDescending(i => i.Number)
            .Skip(page * PageSize).Take(PageSize).ToListAsync(ct);
        var ids = invoices.Select(i => i.Id).ToList();
        var refundable = await db.Payments.AsNoTracking()
            .Where(p => ids.Contains(p.InvoiceId) && p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Succeeded && p.ProcessorPaymentId != null && p.Processor != TransferProcessor)
            .Select(p => p.InvoiceId).Distinct().ToListAsync(ct);
        var owners = await OwnersAsync(db, [organizationId], ct);
        var rows = invoices.Select(i => new StaffInvoiceRow(
            i.Id, i.Number!, i.Kind, i.Status, i.FinalizedAt ?? i.CreatedAt, i.Total, i.AmountDue, i.DueAt, i.CollectionMethod,
            new Money(i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Paid ? i.CreditableMinor : 0, i.Currency),
            refundable.Contains(i.Id), i.Memo ?? i.Reason)).ToList();
        return new StaffBillingView(
            organization.Id, organization.Name, owners.GetValueOrDefault(organizationId), subscription.Tier, position.Describe(), subscription.Status,
            subscription.CurrentPeriod, subscription.CancelAtPeriodEnd, subscription.CollectionMethod,
            subscription.ContractPriceMinor is { } price ? new Money(price, tier.Currency) : null, subscription.PaymentTermsDays,
            enterprise.Terms.MinSeats, balance, new Money(open, tier.Currency), rows, count, page);
    }

    private static async Task<Dictionary<Guid, string>> OwnersAsync(PortalDbContext db, List<Guid> organizationIds, CancellationToken ct)
    {
        var owners = await (from m in db.Memberships.AsNoTracking()
                            where organizationIds.Contains(m.OrganizationId) && m.Role == OrganizationRole.Owner
                            join u in db.Users on m.UserId equals u.Id
                            orderby m.CreatedAt
                            select new { m.OrganizationId, u.Email }).ToListAsync(ct);
        return owners.GroupBy(o => o.OrganizationId).ToDictionary(g => g.Key, g => g.First().Email ?? "");
    }
}
