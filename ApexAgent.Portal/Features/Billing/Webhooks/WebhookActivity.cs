using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>What arrived from the processors, and the disputes they opened, for support (read only).</summary>
public sealed class WebhookActivity(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<WebhookDeliveryRow>> RecentAsync(string? processor, WebhookOutcome? outcome, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = db.ProcessorEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(processor))
        {
            events = events.Where(e => e.Processor == processor);
        }

        if (outcome is { } wanted)
        {
            events = events.Where(e => e.Outcome == wanted);
        }

        return await (from e in events.OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.Id).Take(Math.Clamp(take, 1, 500))
                      join o in db.Organizations on e.OrganizationId equals o.Id into orgs
                      from o in orgs.DefaultIfEmpty()
                      select new WebhookDeliveryRow(e.Processor, e.EventId, e.Type, e.ObjectId, e.Outcome, e.Detail, e.ReceivedAt, e.ProcessedAt, e.OrganizationId, o == null ? null : o.Name))
            .ToListAsync(ct);
    }

    /// <summary>Open disputes first, then the most recent closed ones; or one invoice's.</summary>
    public async Task<IReadOnlyList<DisputeRow>> DisputesAsync(Guid? invoiceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var disputes = db.PaymentDisputes.AsNoTracking();
        if (invoiceId is { } id)
        {
            disputes = disputes.Where(d => d.InvoiceId == id);
        }

        var rows = await (from d in disputes
                          join i in db.Invoices on d.InvoiceId equals i.Id
                          join o in db.Organizations on d.OrganizationId equals o.Id
                          select new { d, i.Number, o.Name }).ToListAsync(ct);
        return rows.OrderBy(r => r.d.Status == DisputeStatus.Open ? 0 : 1).ThenByDescending(r => r.d.OpenedAt).Take(100)
            .Select(r => new DisputeRow(r.d.Id, r.d.OrganizationId, r.Name, r.d.InvoiceId, r.Number, r.d.Processor, r.d.ProcessorDisputeId,
                new Money(r.d.AmountMinor, Currency.FromCode(r.d.CurrencyCode)), r.d.Reason, r.d.Status, r.d.OpenedAt, r.d.ClosedAt))
            .ToList();
    }
}
