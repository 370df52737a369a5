using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Billing.Pricing;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// Subscribing, changing plan, cancelling and resuming (PRODUCT.md, "Money, invoices, tax"). Every change is quoted
/// first with the same code that applies it. Changes that cost money are charged before they apply: the invoice is a
/// draft while the card is charged, and only a successful charge numbers it and moves the plan — a declined card
/// leaves the plan, the numbering and the balance as they were.
/// </summary>
public sealed class PlanChangeService(
    IDbContextFactory<PortalDbContext> dbFactory,
    TierCatalog catalog,
    InvoiceCharger charger,
    NotificationCenter notices,
    AccountSnapshots snapshots,
    TimeProvider clock,
    BalanceAnnouncer credits,
    InvoicePricing pricing)
{
    private const int MaxSeats = 10_000;

    public async Task<Result<PlanChangeQuote>> PreviewAsync(Actor actor, PlanChangeRequest request, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingManage))
        {
            return OrganizationService.Forbidden("change the plan");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await PlanAsync(db, actor.OrganizationId, request, clock.GetUtcNow(), preview: true, ct);
        return plan.IsSuccess ? plan.Value.Quote : plan.Error;
    }

    public async Task<Result<PlanChangeResult>> ConfirmAsync(Actor actor, PlanChangeRequest request, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingManage))
        {
            return OrganizationService.Forbidden("change the plan");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var now = clock.GetUtcNow();
        var who = await BillingActor.OfAsync(dbFactory, actor.UserId, ct);
        Guid invoiceId;
        PlannedChange planned;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var plan = await PlanAsync(db, actor.OrganizationId, request, now, preview: false, ct);
            if (!plan.IsSuccess)
            {
                return plan.Error;
            }

            planned = plan.Value;
            if (planned.Quote.Proration.Timing == PlanChangeTiming.AtPeriodEnd)
            {
                await ScheduleAsync(db, planned, who, now, ct);
                await transaction.CommitAsync(ct);
                snapshots.ForgetOrganization(actor.OrganizationId);
                return new PlanChangeResult(planned.Quote, null, null, PlanChangeTiming.AtPeriodEnd);
            }

            if (planned.Quote.Kind == PlanChangeKind.Cancel)
            {
                var ended = await CancelNowAsync(db, planned, who, now, ct);
                await transaction.CommitAsync(ct);
                snapshots.ForgetOrganization(actor.OrganizationId);
                await credits.AnnounceAsync(actor.OrganizationId, "plan_changed", ct);
                return new PlanChangeResult(planned.Quote, ended.Id, ended.Number, PlanChangeTiming.Now);
            }

            var invoice = await DraftAsync(db, planned, now, ct);
            if (planned.Quote.ChargedNow.Minor <= 0)
            {
                // Nothing to charge (a downgrade applied now, or the balance covers it): apply and finalise at once.
                var account = await BillingBooks.AccountAsync(db, actor.OrganizationId, now, ct);
                await BillingBooks.FinaliseAsync(db, invoice, account, now, 0, ct);
                await ApplyAsync(db, planned, invoice, who, now, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                snapshots.ForgetOrganization(actor.OrganizationId);
                await credits.AnnounceAsync(actor.OrganizationId, "plan_changed", ct);
                return new PlanChangeResult(planned.Quote, invoice.Id, invoice.Number, PlanChangeTiming.Now);
            }

            if (!await db.BillingAccounts.AnyAsync(a => a.OrganizationId == actor.OrganizationId && a.DefaultPaymentMethodId != null, ct))
            {
                return new Error("payment_method_required", "Add a payment method before choosing a paid plan.", ErrorKind.Conflict);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            invoiceId = invoice.Id;
        }

        string? number = null;
        Guid? waitingForBank = null;
        var attempt = await charger.ChargeAsync(invoiceId, offSession: false, async (db, invoice, payment, outcome, token) =>
        {
            if (outcome.Status == ChargeStatus.RequiresAction && planned.Quote.Kind == PlanChangeKind.Subscribe)
            {
                // The bank asks the customer to authenticate: the new subscription is incomplete until they do
                // (CheckoutAuthentication); the plan in force stays, and the draft waits with its payment.
                db.Subscriptions.Add(Subscription.StartPaid(invoice.OrganizationId, planned.Next.Tier, planned.Next.Cycle, planned.Next.Seats, SubscriptionStatus.Incomplete,
                    clock.GetUtcNow(), id: planned.NewSubscriptionId));
                waitingForBank = payment.Id;
                return;
            }

            if (outcome.Status != ChargeStatus.Succeeded)
            {
                invoice.Discard(clock.GetUtcNow());
                await BillingBooks.ReturnBalanceAsync(db, invoice, "Returned: the payment did not go through", token);
                return;
            }

            // The plan may have moved since the quote (another tab): the charge stands for what was quoted.
            var account = await BillingBooks.AccountAsync(db, invoice.OrganizationId, clock.GetUtcNow(), token);
            await BillingBooks.FinaliseAsync(db, invoice, account, clock.GetUtcNow(), 0, token);
            invoice.MarkPaid(clock.GetUtcNow());
            await ApplyAsync(db, planned, invoice, who, clock.GetUtcNow(), token);
            number = invoice.Number;
        }, ct);
        snapshots.ForgetOrganization(actor.OrganizationId);
        if (attempt.Succeeded)
        {
            await credits.AnnounceAsync(actor.OrganizationId, "plan_changed", ct);
            return new PlanChangeResult(planned.Quote, invoiceId, number, PlanChangeTiming.Now);
        }

        if (waitingForBank is { } paymentId)
        {
            return new PlanChangeResult(planned.Quote, invoiceId, null, PlanChangeTiming.Now) { AuthenticationPaymentId = paymentId };
        }

        if (attempt.Outcome?.Status == ChargeStatus.RequiresAction)
        {
            return new Error("authentication_required", "Your bank asks you to authenticate this payment, which only a first subscription can wait for. Use another card for this change; your plan has not changed.", ErrorKind.Conflict);
        }

        return attempt.Outcome is { } failed
            ? new Error(failed.Status == ChargeStatus.Unknown ? "payment_pending" : "payment_failed",
                $"{failed.FailureMessage ?? "The payment did not go through."} Your plan has not changed.", ErrorKind.Conflict)
            : new Error(attempt.RefusalCode!, attempt.RefusalMessage!, ErrorKind.Conflict);
    }

    /// <summary>Cancels at the end of the period (the plan stays until then and can be resumed).</summary>
    public async Task<Result<SubscriptionEvent>> CancelAsync(Actor actor, CancellationToken ct) =>
        await ChangeFlagsAsync(actor, "cancel the subscription", (subscription, now, zone) =>
        {
            if (subscription.CancelAtPeriodEnd)
            {
                return new Error("already_canceling", "The subscription already ends at the end of the period.", ErrorKind.Conflict);
            }

            subscription.ScheduleCancellation(now);
            subscription.ClearScheduledChange();
            return (SubscriptionChangeKind.CancellationScheduled, $"Ends on {BillingDates.Day(subscription.CurrentPeriodEnd, zone)}");
        }, ct);

    /// <summary>Keeps the current plan: undoes a cancellation or a downgrade scheduled for the period end.</summary>
    public async Task<Result<SubscriptionEvent>> ResumeAsync(Actor actor, CancellationToken ct) =>
        await ChangeFlagsAsync(actor, "resume the subscription", (subscription, _, _) =>
        {
            if (!subscription.CancelAtPeriodEnd && !subscription.HasScheduledChange)
            {
                return new Error("nothing_to_resume", "Nothing is scheduled to change: the subscription simply renews.", ErrorKind.Conflict);
            }

            subscription.Resume();
            subscription.ClearScheduledChange();
            return (SubscriptionChangeKind.Resumed, "Renews as before");
        }, ct);

    private async Task<Result<SubscriptionEvent>> ChangeFlagsAsync(Actor actor, string what, Func<Subscription, DateTimeOffset, TimeZoneInfo, Result<(SubscriptionChangeKind Kind, string Note)>> change, CancellationToken ct)
    {
        if (!actor.Can(Permission.BillingManage))
        {
            return OrganizationService.Forbidden(what);
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var now = clock.GetUtcNow();
        var who = await BillingActor.OfAsync(dbFactory, actor.UserId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var subscription = await db.Subscriptions.InForce().FirstAsync(s => s.OrganizationId == actor.OrganizationId, ct);
        if (subscription.Tier == TierCode.Free)
        {
            return new Error("no_paid_subscription", "The organisation is on the Free plan: there is nothing to cancel or resume.", ErrorKind.Conflict);
        }

        var applied = change(subscription, now, await BillingDates.OfAsync(db, actor.OrganizationId, ct));
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        var position = SubscriptionTimeline.PositionOf(subscription, await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, ct));
        var recorded = SubscriptionTimeline.Record(db, subscription, applied.Value.Kind, now, position, position, who, note: applied.Value.Note);
        if (applied.Value.Kind == SubscriptionChangeKind.CancellationScheduled)
        {
            recorded.To = "Free, at the end of the period";
        }
        await notices.StageAsync(db, subscription.OrganizationId, new BillingNotice(
            "billing.changed", $"changed:{recorded.Id:N}", applied.Value.Kind == SubscriptionChangeKind.Resumed ? "Your subscription will renew" : "Your subscription will end",
            $"{who.Name} changed {position.Describe()}: {applied.Value.Note}."), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        snapshots.ForgetOrganization(actor.OrganizationId);
        return recorded;
    }

    private async Task<Result<PlannedChange>> PlanAsync(PortalDbContext db, Guid organizationId, PlanChangeRequest request, DateTimeOffset now, bool preview, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.InForce().FirstAsync(s => s.OrganizationId == organizationId, ct);
        if (subscription.Status == SubscriptionStatus.PastDue)
        {
            return new Error("payment_overdue", "A payment is overdue. Update your payment method to pay it before changing the plan.", ErrorKind.Conflict);
        }

        if (subscription.ContractPriceMinor is not null || subscription.CollectionMethod == CollectionMethod.SendInvoice)
        {
            return new Error("contract_managed", "This subscription is a contract: your account manager changes it for you.", ErrorKind.Conflict);
        }

        if (!Enum.IsDefined(request.Tier) || !Enum.IsDefined(request.Cycle))
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["tier"] = ["Choose Free, Pro, Team or Enterprise, monthly or annual."] });
        }

        var target = await catalog.CurrentAsync(request.Tier, ct);
        if (!target.Offers(request.Cycle))
        {
            return new Error("cycle_not_offered", $"{target.Terms.Name} is not offered {request.Cycle.ToString().ToLowerInvariant()}.");
        }

        if (target.Terms.PricedPerSeat && (request.Seats < target.Terms.MinSeats || request.Seats > MaxSeats))
        {
            return Error.Invalid(new Dictionary<string, string[]> { ["seats"] = [$"{target.Terms.Name} needs between {target.Terms.MinSeats} and {MaxSeats:N0} seats."] });
        }

        var seats = target.BillableSeats(request.Seats);
        var people = await db.Memberships.CountAsync(m => m.OrganizationId == organizationId, ct) + await OrganizationService.OpenInvitations(db, organizationId).CountAsync(ct);
        if (target.Terms.PricedPerSeat && seats < people)
        {
            return new Error("seats_below_members", $"The organisation has {people} members and open invitations; choose at least {people} seats or remove members first.", ErrorKind.Conflict);
        }

        var current = SubscriptionTimeline.PositionOf(subscription, await catalog.VersionAsync(subscription.Tier, subscription.TierVersion, ct));
        var next = new PlanPosition(target, request.Cycle, seats);
        if (current.Tier.Code == target.Code && current.Cycle == next.Cycle && current.Tier.BillableSeats(current.Seats) == seats)
        {
            return new Error("no_change", $"The organisation is already on {current.Describe()}.", ErrorKind.Conflict);
        }

        if (current.Tier.IsFree && target.IsFree)
        {
            return new Error("no_change", "The organisation is already on the Free plan.", ErrorKind.Conflict);
        }

        // A period that ended moments ago is renewed by the next billing run; a free one simply rolls forward.
        var period = subscription.CurrentPeriod;
        if (!period.Contains(now))
        {
            if (!current.Tier.IsFree)
            {
                return new Error("renewal_in_progress", "The subscription is renewing right now. Try again in a few minutes.", ErrorKind.Conflict);
            }

            period = BillingPeriod.Containing(subscription.BillingAnchor, subscription.Cycle, now);
        }

        var kind = KindOf(current, next);
        var proration = kind == PlanChangeKind.Cancel
            ? Proration.ForCancellation(current, period, now, request.ApplyNow)
            : Proration.ForPlanChange(current, next, period, now, request.ApplyNow);
        // A change applied now is priced on the draft it would invoice (discounts, tax), so the preview shows its lines.
        var newSubscriptionId = Guid.CreateVersion7(now);
        var paidForPeriod = proration.Timing == PlanChangeTiming.Now && !current.Tier.IsFree ? await PeriodPaidAsync(db, subscription, ct) : PeriodPaid.Nothing;
        var draft = proration.Timing == PlanChangeTiming.Now ? DraftOf(subscription, current, next, kind, proration, newSubscriptionId, paidForPeriod.Share, now) : null;
        if (draft is not null && await pricing.PriceAsync(db, draft, new PricingRequest(organizationId, draft.Purpose, kind == PlanChangeKind.Cancel ? current : next,
                draft.SubscriptionId, request.DiscountCode, preview, current.Tier.IsFree ? null : current), now, ct) is { } refused)
        {
            return refused;
        }

        if (draft is not null)
        {
            paidForPeriod.CreditTax(draft);
        }

        var balance = await BillingBooks.BalanceAsync(db, organizationId, current.Tier.Currency, ct);
        var due = draft?.Total ?? proration.AmountDue;
        var balanceApplied = new Money(Math.Min(Math.Max(due.Minor, 0), Math.Max(balance.Minor, 0)), due.Currency);
        var charged = new Money(Math.Max(due.Minor, 0) - balanceApplied.Minor, due.Currency);
        var credited = new Money(Math.Max(-due.Minor, 0), due.Currency);
        var renewal = proration.Timing == PlanChangeTiming.Now ? proration.Period.End : subscription.CurrentPeriodEnd;
        var quote = new PlanChangeQuote(current.Describe(), kind == PlanChangeKind.Cancel ? "Free" : next.Describe(), kind, proration, balanceApplied, charged, credited,
            kind == PlanChangeKind.Cancel ? Money.Zero(due.Currency) : next.PricePerPeriod, renewal,
            Summarise(kind, proration, charged, credited, next, await BillingDates.OfAsync(db, organizationId, ct)))
        {
            Lines = draft?.Lines ?? [],
        };
        return new PlannedChange(subscription, current, next, quote, draft, newSubscriptionId);
    }

    private static PlanChangeKind KindOf(PlanPosition current, PlanPosition next)
    {
        if (next.Tier.IsFree)
        {
            return PlanChangeKind.Cancel;
        }

        if (current.Tier.IsFree)
        {
            return PlanChangeKind.Subscribe;
        }

        if (next.Tier.Code != current.Tier.Code)
        {
            return next.Tier.Code > current.Tier.Code ? PlanChangeKind.Upgrade : PlanChangeKind.Downgrade;
        }

        if (next.Cycle != current.Cycle)
        {
            return PlanChangeKind.CycleChange;
        }

        return next.Seats > current.Seats ? PlanChangeKind.SeatsIncrease : PlanChangeKind.SeatsDecrease;
    }

    private static string Summarise(PlanChangeKind kind, ProrationPreview proration, Money charged, Money credited, PlanPosition next, TimeZoneInfo zone) => proration.Timing switch
    {
        PlanChangeTiming.AtPeriodEnd when kind == PlanChangeKind.Cancel => $"Your plan stays until {BillingDates.Day(proration.EffectiveAt, zone)}, then moves to Free. Nothing is charged.",
        PlanChangeTiming.AtPeriodEnd => $"{next.Describe()} starts on {BillingDates.Day(proration.EffectiveAt, zone)} at {next.PricePerPeriod.Format()} per period. Nothing is charged now.",
        _ when charged.Minor > 0 => $"{charged.Format()} is charged now to your default payment method, and the change applies at once.",
        _ when credited.Minor > 0 => $"The change applies at once and {credited.Format()} is credited to your account balance for later invoices.",
        _ => "The change applies at once; nothing is charged.",
    };

    /// <summary>The draft a change applied now invoices: its proration lines (or the new period's plan line), before pricing.</summary>
    /// <summary>
    /// The share of the current period's list price the customer actually paid: 1 less the discounts of the invoice that
    /// charged the plan for this period (account type, volume, code). The unused time is credited at that share, so a
    /// change or cancellation gives back what was paid — never more (ADR 0022).
    /// </summary>
    private static async Task<PeriodPaid> PeriodPaidAsync(PortalDbContext db, Subscription subscription, CancellationToken ct)
    {
        var lines = await (from i in db.Invoices.AsNoTracking()
                           where i.SubscriptionId == subscription.Id && i.Kind == InvoiceKind.Invoice && i.PeriodEnd == subscription.CurrentPeriodEnd
                                 && (i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.Paid)
                                 && (i.Purpose == InvoicePurpose.FirstPeriod || i.Purpose == InvoicePurpose.Renewal || i.Purpose == InvoicePurpose.PlanChange)
                           orderby i.CreatedAt descending
                           select i.Lines.ToList()).FirstOrDefaultAsync(ct);
        return PeriodPaid.Of(lines ?? []);
    }

    private static ProrationLine PaidPart(ProrationLine line, decimal paid) => paid >= 1m
        ? line
        : line with
        {
            Description = $"{line.Description}, at the {DiscountRatesText(paid)} you paid",
            Amount = new Money((long)decimal.Round(line.Amount.Minor * paid, 0, MidpointRounding.AwayFromZero), line.Amount.Currency),
        };

    private static string DiscountRatesText(decimal paid) => $"{decimal.Round(paid * 100m, 2, MidpointRounding.AwayFromZero):0.##}%";

    private static Invoice DraftOf(Subscription subscription, PlanPosition current, PlanPosition next, PlanChangeKind kind, ProrationPreview proration, Guid newSubscriptionId, decimal paid, DateTimeOffset now)
    {
        if (kind == PlanChangeKind.Cancel)
        {
            var ending = Invoice.Draft(subscription.OrganizationId, subscription.Id, InvoicePurpose.PlanChange, current.Tier.Currency, null, CollectionMethod.ChargeAutomatically, now, $"{current.Describe()} → Free");
            foreach (var line in proration.Lines.Select(l => PaidPart(l, paid)))
            {
                ending.AddLine(InvoiceLineKind.UnusedTime, line.Description, line.Amount, 1, line.Amount, line.From, line.To);
            }

            return ending;
        }

        var isNew = kind == PlanChangeKind.Subscribe;
        var draft = Invoice.Draft(subscription.OrganizationId, isNew ? newSubscriptionId : subscription.Id, isNew ? InvoicePurpose.FirstPeriod : InvoicePurpose.PlanChange,
            next.Tier.Currency, proration.Period, CollectionMethod.ChargeAutomatically, now, $"{current.Describe()} → {next.Describe()}");
        foreach (var line in proration.Lines.Select(l => l.Kind == ProrationLineKind.UnusedTime ? PaidPart(l, paid) : l))
        {
            if (line.Kind == ProrationLineKind.NewPeriod)
            {
                InvoiceLines.AddPlan(draft, next, proration.Period);
            }
            else
            {
                draft.AddLine(line.Kind == ProrationLineKind.UnusedTime ? InvoiceLineKind.UnusedTime : InvoiceLineKind.RemainingTime, line.Description, line.Amount, 1, line.Amount, line.From, line.To);
            }
        }

        return draft;
    }

    private static async Task<Invoice> DraftAsync(PortalDbContext db, PlannedChange planned, DateTimeOffset now, CancellationToken ct)
    {
        var draft = planned.Draft ?? throw new InvalidOperationException("A change applied now has a draft.");
        await BillingBooks.ApplyBalanceAsync(db, draft, now, ct);
        db.Invoices.Add(draft);
        return draft;
    }

    private async Task ApplyAsync(PortalDbContext db, PlannedChange planned, Invoice invoice, BillingActor who, DateTimeOffset now, CancellationToken ct)
    {
        var (stale, current, next, quote, _, _) = planned;
        var kind = quote.Kind switch
        {
            PlanChangeKind.Subscribe => SubscriptionChangeKind.Subscribed,
            PlanChangeKind.Upgrade => SubscriptionChangeKind.Upgraded,
            PlanChangeKind.Downgrade => SubscriptionChangeKind.Downgraded,
            PlanChangeKind.CycleChange => SubscriptionChangeKind.CycleChanged,
            _ => SubscriptionChangeKind.SeatsChanged,
        };
        Subscription subscription;
        if (quote.Kind == PlanChangeKind.Subscribe)
        {
            var free = await db.Subscriptions.FirstAsync(s => s.Id == stale.Id, ct);
            free.End(now, "replaced");
            await db.SaveChangesAsync(ct);
            subscription = Subscription.StartPaid(stale.OrganizationId, next.Tier, next.Cycle, next.Seats, SubscriptionStatus.Active, now, id: planned.NewSubscriptionId);
            db.Subscriptions.Add(subscription);
        }
        else
        {
            subscription = await db.Subscriptions.FirstAsync(s => s.Id == stale.Id, ct);
            subscription.ChangePlan(next.Tier, next.Cycle, next.Seats, now);
            subscription.Resume(); // a change made now keeps the subscription going
        }

        var newPeriod = quote.Kind == PlanChangeKind.Subscribe || subscription.CurrentPeriodStart == now;
        await PlanCredits.ChangedAsync(db, subscription, next.Tier, quote.Proration.CreditsChange, newPeriod, invoice.Id, now, ct);
        await Discounts.DiscountCredits.GrantAsync(db, invoice, who.Name, now, ct); // a code that grants credits instead of money off

        SubscriptionTimeline.Record(db, subscription, kind, now, quote.Kind == PlanChangeKind.Subscribe ? null : current, next, who, invoice.Total, invoice.Id, quote.Summary);
        await notices.StageAsync(db, subscription.OrganizationId, new BillingNotice(
            quote.Kind == PlanChangeKind.Subscribe ? "billing.subscribed" : "billing.changed", $"plan_changed:{invoice.Id:N}",
            quote.Kind == PlanChangeKind.Subscribe ? $"Welcome to {next.Tier.Terms.Name}" : "Your plan has changed",
            $"{who.Name} moved the organisation from {quote.Current} to {quote.Target}. Invoice {invoice.Number}: {invoice.Total.Format()}."), ct);
    }

    private async Task ScheduleAsync(PortalDbContext db, PlannedChange planned, BillingActor who, DateTimeOffset now, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.FirstAsync(s => s.Id == planned.Subscription.Id, ct);
        var cancel = planned.Quote.Kind == PlanChangeKind.Cancel;
        if (cancel)
        {
            subscription.ScheduleCancellation(now);
            subscription.ClearScheduledChange();
        }
        else
        {
            subscription.SchedulePlanChange(planned.Next.Tier, planned.Next.Cycle, planned.Next.Seats);
            subscription.Resume();
        }

        var recorded = SubscriptionTimeline.Record(db, subscription, cancel ? SubscriptionChangeKind.CancellationScheduled : SubscriptionChangeKind.ChangeScheduled, now,
            planned.Current, planned.Current, who, note: planned.Quote.Summary);
        recorded.To = planned.Quote.Target;
        await notices.StageAsync(db, subscription.OrganizationId, new BillingNotice(
            "billing.changed", $"changed:{recorded.Id:N}", cancel ? "Your subscription will end" : "Your plan changes at the end of the period",
            $"{who.Name}: {planned.Quote.Summary}"), ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Invoice> CancelNowAsync(PortalDbContext db, PlannedChange planned, BillingActor who, DateTimeOffset now, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.FirstAsync(s => s.Id == planned.Subscription.Id, ct);
        var invoice = planned.Draft ?? throw new InvalidOperationException("A cancellation applied now has a draft.");
        db.Invoices.Add(invoice);
        var account = await BillingBooks.AccountAsync(db, subscription.OrganizationId, now, ct);
        await BillingBooks.FinaliseAsync(db, invoice, account, now, 0, ct);
        await PlanMoves.EndToFreeAsync(db, catalog, subscription, now, "canceled", ct, new Millicredits(Math.Max(0, -planned.Quote.Proration.CreditsChange.Value)));
        SubscriptionTimeline.Record(db, subscription, SubscriptionChangeKind.Canceled, now, planned.Current, null, who, invoice.Total, invoice.Id, planned.Quote.Summary);
        await notices.StageAsync(db, subscription.OrganizationId, new BillingNotice(
            "billing.canceled", $"canceled:{subscription.Id:N}", "Your subscription has ended",
            $"{who.Name} ended {planned.Quote.Current} now. {planned.Quote.CreditedToBalance.Format()} was credited to the account balance."), ct);
        await db.SaveChangesAsync(ct);
        return invoice;
    }

    private sealed record PlannedChange(Subscription Subscription, PlanPosition Current, PlanPosition Next, PlanChangeQuote Quote, Invoice? Draft, Guid NewSubscriptionId);
}
