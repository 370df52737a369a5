using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Discounts;
using ApexAgent.Portal.Features.Billing.Pricing;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>
/// The seat-volume discount (ADR 0022 rule 4, step Order 200): Team and Enterprise seat lines at list price by seat
/// count (10–49 10%, 50–199 15%, 200+ 20%), on what is left of them after the account-type discount. Nothing on a
/// negative net. Reads only the draft and the verifications the account-type step loaded.
/// </summary>
public sealed class VolumeDiscountStep : IInvoicePricingStep
{
    public int Order => 200;

    public Task LoadAsync(PricingBatch batch, CancellationToken ct) => Task.CompletedTask;

    public Error? Apply(Invoice draft, PricingRequest request, PricingBatch batch)
    {
        if (request.Plan is null || request.Purpose is InvoicePurpose.CreditPurchase or InvoicePurpose.Correction || InvoicePricing.DiscountableMinor(draft) <= 0)
        {
            return null;
        }

        var type = AccountTypeDiscountStep.TypeOf(request, batch);
        var exact = 0m;
        (int Seats, decimal Rate)? shown = null;
        foreach (var line in draft.Lines)
        {
            var plan = AccountTypeDiscountStep.PlanOf(line, request);
            if (plan is null || plan.ContractPrice is not null || !plan.Tier.Terms.PricedPerSeat)
            {
                continue;
            }

            var seats = plan.Tier.BillableSeats(plan.Seats);
            var rate = DiscountRates.Volume(plan.Tier.Code, seats);
            if (rate == 0)
            {
                continue;
            }

            var left = line.AmountMinor * (1m - (type is { } t ? AccountTypeDiscountStep.RateOf(line, request, t) : 0m));
            exact += left * rate;
            if (shown is null || line.Kind != InvoiceLineKind.UnusedTime)
            {
                shown = (seats, rate);
            }
        }

        var discount = Math.Min(DiscountRates.Round(exact), InvoicePricing.DiscountableMinor(draft));
        if (discount > 0 && shown is { } s)
        {
            draft.AddLine(InvoiceLineKind.VolumeDiscount, $"Volume discount ({s.Seats} seats, {DiscountRates.Percent(s.Rate)})", new Money(-discount, draft.Currency));
        }

        return null;
    }
}
