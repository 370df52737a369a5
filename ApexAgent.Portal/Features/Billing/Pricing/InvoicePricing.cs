using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;

namespace ApexAgent.Portal.Features.Billing.Pricing;

/// <summary>
/// Everything a draft gets after its priced lines: discounts, then tax (the caller then applies the account balance,
/// which settles rather than prices). Previews run the same steps on an unsaved draft, so the preview, the invoice and
/// its PDF show the same lines and the same totals.
/// </summary>
public sealed class InvoicePricing(IEnumerable<IInvoicePricingStep> steps)
{
    private readonly IReadOnlyList<IInvoicePricingStep> ordered = steps.OrderBy(s => s.Order).ToList();

    public async Task<PricingBatch> LoadAsync(PortalDbContext db, IReadOnlyCollection<Guid> organizationIds, DateTimeOffset now, CancellationToken ct)
    {
        var batch = new PricingBatch(db, organizationIds, now);
        foreach (var step in ordered)
        {
            await step.LoadAsync(batch, ct);
        }

        return batch;
    }

    /// <summary>Applies every step in order; stops at the first refusal (the draft must then be dropped).</summary>
    public Error? Apply(Invoice draft, PricingRequest request, PricingBatch batch)
    {
        foreach (var step in ordered)
        {
            if (step.Apply(draft, request, batch) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>Loads for one organisation and applies: for drafts made one at a time.</summary>
    public async Task<Error?> PriceAsync(PortalDbContext db, Invoice draft, PricingRequest request, DateTimeOffset now, CancellationToken ct) =>
        Apply(draft, request, await LoadAsync(db, [request.OrganizationId], now, ct));

    /// <summary>What the discounts act on: the draft's lines so far, less tax and the account balance.</summary>
    public static long DiscountableMinor(Invoice draft) =>
        draft.Lines.Where(l => !InvoiceLineKind.IsTax(l.Kind) && l.Kind != InvoiceLineKind.AccountBalance).Sum(l => l.AmountMinor);
}
