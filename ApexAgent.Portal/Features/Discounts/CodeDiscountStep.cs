using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Discounts;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing.Pricing;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>
/// The discount-code step (ADR 0022 rule 5, Order 300): a code the customer entered (checked, and redeemed with the
/// draft unless this is a preview) or the subscription's active redemption (renewals count their period). Percent or
/// fixed off what is left after the account-type and volume discounts, never below zero, subscription invoices only.
/// </summary>
public sealed class CodeDiscountStep : IInvoicePricingStep
{
    public int Order => 300;

    public async Task LoadAsync(PricingBatch batch, CancellationToken ct)
    {
        var state = batch.State<CodeDiscountState>();
        var db = batch.Db;
        var ids = batch.OrganizationIds;
        var active = await (from r in db.DiscountRedemptions
                            join c in db.DiscountCodes on r.DiscountCodeId equals c.Id
                            where ids.Contains(r.OrganizationId) && r.Status == RedemptionStatus.Active
                                  && db.Invoices.Any(i => i.Id == r.FirstInvoiceId && i.Status != InvoiceStatus.Void)
                            select new { r, c }).ToListAsync(ct);
        foreach (var row in active)
        {
            if (!state.Active.TryGetValue(row.r.OrganizationId, out var list))
            {
                state.Active[row.r.OrganizationId] = list = [];
            }

            list.Add((row.r, row.c));
        }

        if (ids.Count != 1)
        {
            return; // a renewal batch: nobody enters a code there
        }

        var organizationId = ids.First();
        foreach (var code in await db.DiscountCodes.AsNoTracking().Where(c => c.RetiredAt == null).ToListAsync(ct))
        {
            state.Codes[code.Code] = code;
        }

        foreach (var count in await DiscountQueries.LiveRedemptions(db).GroupBy(r => r.DiscountCodeId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
        {
            state.RedemptionCounts[count.Key] = count.Count;
        }

        state.UsedByOrganization.UnionWith(await DiscountQueries.LiveRedemptions(db).Where(r => r.OrganizationId == organizationId).Select(r => r.DiscountCodeId).ToListAsync(ct));
        state.HadPaidSubscription = await db.Subscriptions.AnyAsync(s => s.OrganizationId == organizationId && s.Tier != TierCode.Free && s.Status != SubscriptionStatus.Incomplete, ct);
    }

    public Error? Apply(Invoice draft, PricingRequest request, PricingBatch batch)
    {
        var state = batch.State<CodeDiscountState>();
        var entered = DiscountCode.Normalise(request.DiscountCode);
        var current = request.SubscriptionId is { } subscriptionId && state.Active.TryGetValue(request.OrganizationId, out var list)
            ? list.FirstOrDefault(a => a.Redemption.SubscriptionId == subscriptionId)
            : default;
        if (entered is null || (current.Code is not null && current.Code.Code == entered))
        {
            return current.Code is null ? null : ApplyRedeemed(draft, request, batch, current.Redemption, current.Code);
        }

        var checkedCode = Check(entered, draft, request, batch, state, current.Code);
        if (!checkedCode.IsSuccess)
        {
            return checkedCode.Error;
        }

        var code = checkedCode.Value;
        AddLine(draft, request, code, 1);
        if (!request.Preview)
        {
            var redemption = DiscountRedemption.Redeem(code, request.OrganizationId, draft.SubscriptionId!.Value, draft.Id, null, batch.Now);
            batch.Db.DiscountRedemptions.Add(redemption);
            state.Recorded.Add(redemption);
            state.RedemptionCounts[code.Id] = state.RedemptionCounts.GetValueOrDefault(code.Id) + 1;
            state.UsedByOrganization.Add(code.Id);
        }

        return null;
    }

    private static Error? ApplyRedeemed(Invoice draft, PricingRequest request, PricingBatch batch, DiscountRedemption redemption, DiscountCode code)
    {
        if (request.Plan is not { } plan || request.Purpose is InvoicePurpose.CreditPurchase or InvoicePurpose.Correction)
        {
            return null;
        }

        if (!code.AppliesTo(plan.Tier.Code) || !code.AppliesTo(plan.Cycle))
        {
            return null; // the plan moved out of the code's reach (e.g. a Pro-only code after an upgrade to Team)
        }

        var renewal = request.Purpose == InvoicePurpose.Renewal;
        AddLine(draft, request, code, renewal ? redemption.PeriodsUsed + 1 : redemption.PeriodsUsed);
        if (renewal && !request.Preview)
        {
            redemption.UsePeriod(code, batch.Now);
        }

        return null;
    }

    private static void AddLine(Invoice draft, PricingRequest request, DiscountCode code, int period)
    {
        var left = InvoicePricing.DiscountableMinor(draft);
        if (code.Kind == DiscountKind.Credits)
        {
            if (request.Purpose != InvoicePurpose.Renewal && period <= 1)
            {
                // No money off: the line says what the code gives, granted when this invoice is paid (DiscountCredits).
                draft.AddLine(InvoiceLineKind.CodeDiscount, $"Code {code.Code}: {code.Offer()}, granted when this invoice is paid", Money.Zero(draft.Currency));
            }

            return;
        }

        if (left <= 0)
        {
            return; // nothing applies to a negative net
        }

        var amount = code.Kind == DiscountKind.Percent
            ? DiscountRates.Round(left * code.PercentOff!.Value / 100m)
            : code.CurrencyCode == draft.CurrencyCode ? code.AmountOffMinor!.Value : 0;
        amount = Math.Min(amount, left);
        if (amount <= 0)
        {
            return;
        }

        var unit = request.Plan?.Cycle == BillingCycle.Annual ? "years" : "months";
        var when = code.Duration == DiscountDuration.Repeating ? $" ({Math.Min(period, code.Periods ?? 1)} of {code.Periods} {unit})" : "";
        draft.AddLine(InvoiceLineKind.CodeDiscount, $"Code {code.Code}: {code.Offer()}{when}", new Money(-amount, draft.Currency));
    }

    private static Result<DiscountCode> Check(string entered, Invoice draft, PricingRequest request, PricingBatch batch, CodeDiscountState state, DiscountCode? active)
    {
        if (!DiscountCode.IsWellFormed(entered) || !state.Codes.TryGetValue(entered, out var code) || code.PausedAt is not null)
        {
            return new Error("discount_code_not_found", $"{Shown(entered)} is not a code we know. Check the spelling.", ErrorKind.Validation);
        }

        if (active is not null)
        {
            return new Error("discount_code_already_active", $"Your subscription already has the code {active.Code}; one code applies at a time.", ErrorKind.Conflict);
        }

        var status = code.StatusAt(batch.Now, state.RedemptionCounts.GetValueOrDefault(code.Id));
        if (status == DiscountCodeStatus.Expired)
        {
            return new Error("discount_code_expired", $"{code.Code} expired on {code.ExpiresAt:d MMMM yyyy}.", ErrorKind.Conflict);
        }

        if (status == DiscountCodeStatus.Scheduled)
        {
            return new Error("discount_code_not_started", $"{code.Code} can be used from {code.StartsAt:d MMMM yyyy}.", ErrorKind.Conflict);
        }

        if (state.UsedByOrganization.Contains(code.Id))
        {
            return new Error("discount_code_already_used", $"Your organisation has already used {code.Code}.", ErrorKind.Conflict);
        }

        if (status == DiscountCodeStatus.UsedUp)
        {
            return new Error("discount_code_used_up", $"{code.Code} has been used up.", ErrorKind.Conflict);
        }

        if (request.Plan is not { } plan || request.Purpose is not (InvoicePurpose.FirstPeriod or InvoicePurpose.PlanChange) || InvoicePricing.DiscountableMinor(draft) <= 0
            || plan.ContractPrice is not null || plan.Tier.IsFree || draft.SubscriptionId is null)
        {
            return new Error("discount_code_not_applicable", $"{code.Code} applies to a paid plan you subscribe or upgrade to, not to this change.", ErrorKind.Validation);
        }

        if (!code.AppliesTo(plan.Tier.Code))
        {
            return new Error("discount_code_not_applicable", $"{code.Code} is for {string.Join(" and ", code.TierList)} plans only.", ErrorKind.Validation);
        }

        if (!code.AppliesTo(plan.Cycle))
        {
            return new Error("discount_code_not_applicable", $"{code.Code} is for {code.CycleList[0].ToString().ToLowerInvariant()} billing only.", ErrorKind.Validation);
        }

        if (code.Kind == DiscountKind.FixedAmount && code.CurrencyCode != draft.CurrencyCode)
        {
            return new Error("discount_code_not_applicable", $"{code.Code} is for invoices in {code.CurrencyCode}.", ErrorKind.Validation);
        }

        if (code.FirstSubscriptionOnly && state.HadPaidSubscription)
        {
            return new Error("discount_code_first_subscription_only", $"{code.Code} is for a first subscription only.", ErrorKind.Conflict);
        }

        if (!code.Stackable && AccountTypeDiscountStep.TypeOf(request, batch) is { } type && draft.Lines.Any(l => l.Kind == InvoiceLineKind.AccountTypeDiscount))
        {
            return new Error("discount_code_not_combinable", $"This code cannot be combined with your {(type == AccountType.Education ? "education" : "healthcare")} discount.", ErrorKind.Conflict);
        }

        return code;
    }

    private static string Shown(string entered) => entered.Length > DiscountCode.MaxCodeLength ? entered[..DiscountCode.MaxCodeLength] + "…" : entered;
}
