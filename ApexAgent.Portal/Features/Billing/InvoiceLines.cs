using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Portal.Features.Billing;

internal static class InvoiceLines
{
    /// <summary>The line for a whole period of a plan: seats × the seat price for per-seat tiers, else the plan.</summary>
    public static void AddPlan(Invoice invoice, PlanPosition plan, BillingPeriod period)
    {
        var cycle = plan.Cycle == BillingCycle.Annual ? "annual" : "monthly";
        if (plan.ContractPrice is { } contract)
        {
            invoice.AddLine(InvoiceLineKind.Plan, $"{plan.Tier.Terms.Name} contract ({cycle}, {plan.Seats} seats)", contract, 1, contract, period.Start, period.End);
        }
        else if (plan.Tier.Terms.PricedPerSeat)
        {
            var seats = plan.Tier.BillableSeats(plan.Seats);
            invoice.AddLine(InvoiceLineKind.Seats, $"{plan.Tier.Terms.Name} seats ({cycle})", plan.PricePerPeriod, seats, new Money(plan.PricePerPeriod.Minor / seats, plan.PricePerPeriod.Currency), period.Start, period.End);
        }
        else
        {
            invoice.AddLine(InvoiceLineKind.Plan, $"{plan.Tier.Terms.Name} plan ({cycle})", plan.PricePerPeriod, 1, plan.PricePerPeriod, period.Start, period.End);
        }
    }
}
