using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Domain.Billing;

/// <summary>A tier version, a billing cycle and a seat count: what a subscription is on, or would move to.</summary>
public sealed record PlanPosition(Tier Tier, BillingCycle Cycle, int Seats)
{
    /// <summary>A negotiated price per period (enterprise contracts) that replaces the catalog price.</summary>
    public Money? ContractPrice { get; init; }

    public Money PricePerPeriod => ContractPrice ?? Tier.PriceFor(Cycle, Seats);

    public Millicredits BaseCredits => Tier.BaseCreditsFor(Seats);

    public string Describe() =>
        $"{Tier.Terms.Name} ({Cycle.ToString().ToLowerInvariant()}{(Tier.Terms.PricedPerSeat ? $", {Tier.BillableSeats(Seats)} seats" : "")})";
}
