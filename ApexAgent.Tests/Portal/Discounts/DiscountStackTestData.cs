using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Discounts;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing.Pricing;
using ApexAgent.Portal.Features.Discounts;
using ApexAgent.Tests.Domain;

namespace ApexAgent.Tests.Portal.Discounts;

/// <summary>Drafts priced by the three discount steps in memory (a preview: nothing is recorded, no database).</summary>
internal static class DiscountStackTestData
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly Guid Organization = Guid.Parse("0195f000-0000-7000-8000-000000000001");
    public static readonly Guid SubscriptionId = Guid.Parse("0195f000-0000-7000-8000-000000000002");

    public static readonly InvoicePricing Pricing = new([new CodeDiscountStep(), new AccountTypeDiscountStep(new NoVerifiedAccounts()), new VolumeDiscountStep()]);

    public static PlanPosition Plan(TierCode tier, int seats = 1, BillingCycle cycle = BillingCycle.Monthly, long? contractMinor = null) =>
        new(TestTiers.Default(tier), cycle, seats) { ContractPrice = contractMinor is { } c ? Money.Usd(c) : null };

    public static DiscountCode Code(string code, decimal? percent = null, long? fixedMinor = null, bool stackable = true, IReadOnlyList<TierCode>? tiers = null,
        DiscountDuration duration = DiscountDuration.Forever, int? periods = null)
    {
        var created = DiscountCode.Create(new DiscountCodeTerms(code, percent is null ? DiscountKind.FixedAmount : DiscountKind.Percent, percent, fixedMinor, fixedMinor is null ? null : "USD",
            null, duration, periods, null, null, null, tiers ?? [], [], false, stackable), "staff", Now.AddDays(-10));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value;
    }

    /// <summary>A renewal-like draft of the plan's full period (or the given lines), priced with the verification and the code entered.</summary>
    public static (Invoice Draft, Error? Refused) Price(PlanPosition plan, AccountType? verified = null, DiscountCode? code = null, PlanPosition? previous = null,
        IReadOnlyList<(string Kind, long Minor)>? lines = null, InvoicePurpose purpose = InvoicePurpose.FirstPeriod)
    {
        var period = BillingPeriod.Containing(Now, plan.Cycle, Now);
        var draft = Invoice.Draft(Organization, SubscriptionId, purpose, Currency.Usd, period, CollectionMethod.ChargeAutomatically, Now);
        if (lines is null)
        {
            AddPlan(draft, plan);
        }
        else
        {
            foreach (var (kind, minor) in lines)
            {
                draft.AddLine(kind, kind, Money.Usd(minor));
            }
        }

        var batch = new PricingBatch(null!, [Organization], Now);
        if (verified is { } type)
        {
            batch.State<AccountTypeDiscountState>().Verified = new Dictionary<Guid, VerifiedAccount> { [Organization] = new(type, Now.AddYears(1)) };
        }

        if (code is not null)
        {
            batch.State<CodeDiscountState>().Codes[code.Code] = code;
        }

        var refused = Pricing.Apply(draft, new PricingRequest(Organization, purpose, plan, SubscriptionId, code?.Code.ToLowerInvariant(), Preview: true, previous), batch);
        return (draft, refused);
    }

    public static void AddPlan(Invoice draft, PlanPosition plan)
    {
        if (plan.ContractPrice is { } contract)
        {
            draft.AddLine(InvoiceLineKind.Plan, "contract", contract);
        }
        else if (plan.Tier.Terms.PricedPerSeat)
        {
            draft.AddLine(InvoiceLineKind.Seats, "seats", plan.PricePerPeriod, plan.Tier.BillableSeats(plan.Seats));
        }
        else
        {
            draft.AddLine(InvoiceLineKind.Plan, "plan", plan.PricePerPeriod);
        }
    }

    public static long Sum(Invoice draft, string kind) => draft.Lines.Where(l => l.Kind == kind).Sum(l => l.AmountMinor);
}
