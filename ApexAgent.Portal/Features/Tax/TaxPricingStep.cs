using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Tax;
using ApexAgent.Portal.Features.Billing.Pricing;

namespace ApexAgent.Portal.Features.Tax;

/// <summary>
/// The tax step (Order 900, after every discount): each line left after the discounts (priced lines, prorations and the
/// discount lines themselves) is taxed at the customer's jurisdiction's rates in force at the batch's instant, rounded per
/// line; one line per tax. A draft whose net is a credit (a downgrade) gets a negative tax line: the credit of the tax
/// charged on the time given back (ADR 0021). Organisations without a tax profile get nothing.
/// </summary>
public sealed class TaxPricingStep(ITaxCalculator calculator) : IInvoicePricingStep
{
    public int Order => 900;

    public async Task LoadAsync(PricingBatch batch, CancellationToken ct) =>
        batch.State<State>().Profiles = await TaxProfiles.LoadAsync(batch.Db, batch.OrganizationIds, batch.Now, ct);

    public Error? Apply(Invoice draft, PricingRequest request, PricingBatch batch)
    {
        if (!batch.State<State>().Profiles.TryGetValue(draft.OrganizationId, out var profile))
        {
            return null;
        }

        var taxable = draft.Lines
            // Unused time was taxed when its period was invoiced: PlanChangeService gives that tax back as it was charged
            // (PeriodPaid.CreditTax), never at today's address and rates.
            .Where(l => !InvoiceLineKind.IsTax(l.Kind) && l.Kind != InvoiceLineKind.AccountBalance && l.Kind != InvoiceLineKind.UnusedTime && l.AmountMinor != 0)
            .Select(l => new TaxableLine(l.Position, l.AmountMinor))
            .ToList();
        foreach (var line in calculator.Calculate(profile, taxable, batch.Now))
        {
            draft.AddTaxLine(line.Kind, line.Description, new Money(line.AmountMinor, draft.Currency), line.Jurisdiction, line.Rate, line.TaxableMinor);
        }

        return null;
    }

    private sealed class State
    {
        public Dictionary<Guid, TaxProfile> Profiles { get; set; } = [];
    }
}
