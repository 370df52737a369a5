using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Discounts;
using ApexAgent.Portal.Features.Billing.Pricing;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>
/// The verified account-type discount (ADR 0022 rule 3, step Order 100): Education 50% off Pro and Team, Healthcare 25%
/// off Pro, Team and Enterprise, on list-priced plan lines only (never contracts, never packs), while the organisation is
/// verified at the draft's instant. A plan change's unused-time line already carries the share of the price that was paid
/// (PlanChangeService), so it is not discounted again.
/// </summary>
public sealed class AccountTypeDiscountStep(IVerifiedAccounts verified) : IInvoicePricingStep
{
    public int Order => 100;

    public async Task LoadAsync(PricingBatch batch, CancellationToken ct) =>
        batch.State<AccountTypeDiscountState>().Verified = await verified.VerifiedAtAsync(batch.Db, batch.OrganizationIds, batch.Now, ct);

    public Error? Apply(Invoice draft, PricingRequest request, PricingBatch batch)
    {
        var type = TypeOf(request, batch);
        if (type is null)
        {
            return null;
        }

        var exact = 0m;
        var rates = new HashSet<decimal>();
        foreach (var line in draft.Lines)
        {
            var rate = RateOf(line, request, type.Value);
            if (rate > 0)
            {
                exact += line.AmountMinor * rate;
                rates.Add(rate);
            }
        }

        var discount = DiscountRates.Round(exact);
        if (discount != 0)
        {
            var name = type == AccountType.Education ? "Education" : "Healthcare";
            draft.AddLine(InvoiceLineKind.AccountTypeDiscount, rates.Count == 1 ? $"{name} discount ({DiscountRates.Percent(rates.First())})" : $"{name} discount",
                new Money(-discount, draft.Currency));
        }

        return null;
    }

    /// <summary>The organisation's verified type when it can have an account-type discount on this draft (null: none).</summary>
    public static AccountType? TypeOf(PricingRequest request, PricingBatch batch)
    {
        if (request.Purpose is InvoicePurpose.CreditPurchase or InvoicePurpose.Correction || request.Plan is null)
        {
            return null;
        }

        var state = batch.State<AccountTypeDiscountState>();
        return state.Verified.TryGetValue(request.OrganizationId, out var account) && account.ExpiresAt > batch.Now
            && account.Type is AccountType.Education or AccountType.Healthcare
            ? account.Type
            : null;
    }

    /// <summary>The account-type rate of one priced line: the plan it charges, list-priced only.</summary>
    public static decimal RateOf(InvoiceLine line, PricingRequest request, AccountType type)
    {
        var plan = PlanOf(line, request);
        return plan is null || plan.ContractPrice is not null ? 0m : DiscountRates.AccountType(type, plan.Tier.Code);
    }

    /// <summary>The plan a priced line is for (null: not a plan line, e.g. a pack or a discount).</summary>
    public static PlanPosition? PlanOf(InvoiceLine line, PricingRequest request) => line.Kind switch
    {
        InvoiceLineKind.Plan or InvoiceLineKind.Seats or InvoiceLineKind.RemainingTime => request.Plan,
        _ => null,
    };
}
