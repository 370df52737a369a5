using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>
/// Buys a credit pack with the organisation's default payment method, the way plan changes are charged: the invoice is
/// a draft while the card is charged (<see cref="InvoiceCharger"/>, exactly once per attempt), and only a successful
/// charge numbers it, marks it paid and grants the credits — in the same transaction as the payment's outcome. A
/// declined card discards the draft (no number, no credits). A card whose bank asks for authentication is refused
/// (the customer is asked to use another card): nothing waits and nothing is granted.
/// </summary>
public sealed class CreditPurchaseService(
    IDbContextFactory<PortalDbContext> dbFactory,
    InvoiceCharger charger,
    NotificationCenter notices,
    CreditFeed feed,
    Billing.Pricing.InvoicePricing pricing,
    TimeProvider clock)
{
    /// <summary>Without an idempotency key, the same person buying the same pack within this window gets the first answer (a double click).</summary>
    public static readonly TimeSpan DoubleClickWindow = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan WaitForTwin = TimeSpan.FromSeconds(20);

    /// <summary>A person buys a pack (page or API). <paramref name="idempotencyKey"/> makes a repeated request answer the first one.</summary>
    public async Task<Result<PackPurchaseResult>> BuyAsync(Actor actor, string? packCode, string? idempotencyKey, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsPurchase))
        {
            return OrganizationService.Forbidden("buy credits");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        var pack = CreditPack.Find(packCode);
        var errors = new FieldErrors()
            .Require(pack is not null, "pack", $"Choose one of the packs: {string.Join(", ", CreditPack.All.Select(p => p.Code))}.")
            .Require(idempotencyKey is null || (idempotencyKey.Trim().Length is > 0 and <= 100), "idempotencyKey", "An idempotency key has 1 to 100 characters.");
        if (errors.Any)
        {
            return errors.ToError();
        }

        var key = idempotencyKey is null ? null : $"click:{actor.UserId}:{idempotencyKey.Trim()}";
        return await PurchaseAsync(actor.OrganizationId, pack!, CreditPurchaseTrigger.OneClick, key, actor.UserId, null, ct);
    }

    /// <summary>
    /// A person buys a pack by approving a payment at <paramref name="processor"/> (PayPal) instead of charging the
    /// default method: the draft invoice, the purchase and a pending payment (key <see cref="ApprovalKey"/>) are
    /// recorded; the caller sends the buyer to approve, then calls <see cref="SettleApprovalAsync"/> with the capture's
    /// outcome. When the account balance pays it all, the purchase is done at once (<see cref="PackApproval.Done"/>).
    /// </summary>
    public async Task<Result<PackApproval>> BeginApprovalAsync(Actor actor, string? packCode, string processor, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsPurchase))
        {
            return OrganizationService.Forbidden("buy credits");
        }

        if (actor.RefuseIfReadOnly() is { } readOnly)
        {
            return readOnly;
        }

        if (CreditPack.Find(packCode) is not { } pack)
        {
            return new FieldErrors().Require(false, "pack", $"Choose one of the packs: {string.Join(", ", CreditPack.All.Select(p => p.Code))}.").ToError();
        }

        var begun = await BeginAsync(actor.OrganizationId, pack, CreditPurchaseTrigger.OneClick, $"approval:{Guid.CreateVersion7(clock.GetUtcNow()):N}", actor.UserId, null, ct, processor);
        if (!begun.IsSuccess)
        {
            return begun.Error;
        }

        if (!begun.Value.NeedsCharge)
        {
            var done = await FinishAsync(begun.Value.PurchaseId, ct);
            return done.IsSuccess ? new PackApproval(begun.Value.PurchaseId, ApprovalKey(begun.Value.InvoiceId), Money.Zero(pack.Price.Currency), "", done.Value) : done.Error;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == begun.Value.InvoiceId, ct);
        return new PackApproval(begun.Value.PurchaseId, ApprovalKey(invoice.Id), new Money(invoice.TotalMinor, pack.Price.Currency), invoice.Memo ?? pack.Name, null);
    }

    /// <summary>
    /// Settles a purchase begun with <see cref="BeginApprovalAsync"/> with what the processor said about the capture
    /// (a cancelled approval is a decline): exactly as a card charge is settled — paid, numbered and granted, or
    /// discarded with nothing granted. Settling twice answers the first settlement.
    /// </summary>
    public async Task<Result<PackPurchaseResult>> SettleApprovalAsync(Actor actor, Guid purchaseId, ChargeOutcome outcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var purchase = await db.CreditPurchases.AsNoTracking().FirstOrDefaultAsync(p => p.Id == purchaseId && p.OrganizationId == actor.OrganizationId, ct);
            if (purchase is null)
            {
                return Error.NotFound("credit_purchase", "credit purchase");
            }

            var invoice = await db.Invoices.FirstAsync(i => i.Id == purchase.InvoiceId, ct);
            var key = ApprovalKey(invoice.Id);
            var payment = await db.Payments.FirstOrDefaultAsync(p => p.InvoiceId == invoice.Id && p.IdempotencyKey == key, ct);
            if (payment is { Status: PaymentStatus.Pending } && invoice.Status == InvoiceStatus.Draft && outcome.Status is not (ChargeStatus.Pending or ChargeStatus.Unknown))
            {
                payment.ProcessorPaymentId = outcome.ProcessorPaymentId;
                payment.Status = outcome.Status == ChargeStatus.Succeeded ? PaymentStatus.Succeeded : PaymentStatus.Failed;
                payment.FailureCode = outcome.FailureCode;
                payment.FailureMessage = outcome.FailureMessage;
                payment.CompletedAt = now;
                await SettleAsync(db, purchaseId, invoice, payment, outcome, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
        }

        return await FinishAsync(purchaseId, ct);
    }

    /// <summary>The idempotency key of the payment of a purchase paid by approval (the processor's request id).</summary>
    public static string ApprovalKey(Guid invoiceId) => $"invoice:{invoiceId:N}:approval";

    /// <summary>
    /// The common path of one-click and auto top-up. <paramref name="autoCheck"/> (auto top-up only) re-checks, under the
    /// write lock, that the purchase is still due and answers its request key, or an error when it is not.
    /// </summary>
    internal async Task<Result<PackPurchaseResult>> PurchaseAsync(
        Guid organizationId, CreditPack pack, CreditPurchaseTrigger trigger, string? requestKey, string? userId,
        Func<PortalDbContext, DateTimeOffset, Task<Result<string>>>? autoCheck, CancellationToken ct)
    {
        var begun = await BeginAsync(organizationId, pack, trigger, requestKey, userId, autoCheck, ct);
        if (!begun.IsSuccess)
        {
            return begun.Error;
        }

        if (begun.Value.Existing is { } existing)
        {
            return await AnswerOfAsync(existing, repeated: true, ct);
        }

        var purchaseId = begun.Value.PurchaseId;
        var invoiceId = begun.Value.InvoiceId;
        if (!begun.Value.NeedsCharge)
        {
            return await FinishAsync(purchaseId, ct);
        }

        var attempt = await charger.ChargeAsync(invoiceId, offSession: trigger == CreditPurchaseTrigger.AutoTopUp,
            (db, invoice, payment, outcome, token) => SettleAsync(db, purchaseId, invoice, payment, outcome, token), ct);
        if (attempt.Outcome is null)
        {
            await AbandonAsync(purchaseId, attempt.RefusalCode ?? "payment_failed", attempt.RefusalMessage ?? "The payment could not be started.", ct);
        }

        return await FinishAsync(purchaseId, ct);
    }

    private async Task<Result<Begun>> BeginAsync(
        Guid organizationId, CreditPack pack, CreditPurchaseTrigger trigger, string? requestKey, string? userId,
        Func<PortalDbContext, DateTimeOffset, Task<Result<string>>>? autoCheck, CancellationToken ct, string? approvalProcessor = null)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (requestKey is not null && await db.CreditPurchases.AsNoTracking().FirstOrDefaultAsync(p => p.OrganizationId == organizationId && p.RequestKey == requestKey, ct) is { } same)
        {
            return new Begun(same.Id, same.InvoiceId, false, same);
        }

        if (requestKey is null && trigger == CreditPurchaseTrigger.OneClick)
        {
            var since = now - DoubleClickWindow;
            var twin = await db.CreditPurchases.AsNoTracking()
                .Where(p => p.OrganizationId == organizationId && p.Trigger == CreditPurchaseTrigger.OneClick && p.RequestedBy == userId && p.PackCode == pack.Code
                    && p.CreatedAt >= since && p.Status != CreditPurchaseStatus.Failed)
                .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct);
            if (twin is not null)
            {
                return new Begun(twin.Id, twin.InvoiceId, false, twin);
            }
        }

        if (autoCheck is not null)
        {
            var due = await autoCheck(db, now);
            if (!due.IsSuccess)
            {
                return due.Error;
            }

            requestKey = due.Value;
        }

        var account = await BillingBooks.AccountAsync(db, organizationId, now, ct);
        if (approvalProcessor is null && (account.DefaultPaymentMethodId is null || !await db.PaymentMethods.AnyAsync(m => m.Id == account.DefaultPaymentMethodId, ct)))
        {
            return PaymentMethodRequired;
        }

        if (await db.CreditPurchases.AnyAsync(p => p.OrganizationId == organizationId && p.Status == CreditPurchaseStatus.Charging, ct))
        {
            return InProgress;
        }

        var invoice = Invoice.Draft(organizationId, null, InvoicePurpose.CreditPurchase, pack.Price.Currency, null, CollectionMethod.ChargeAutomatically, now,
            trigger == CreditPurchaseTrigger.AutoTopUp ? $"Auto top-up: {pack.Name}" : $"Credit pack: {pack.Name}");
        invoice.AddLine(InvoiceLineKind.CreditPack, $"{pack.Name} (expire 12 months after purchase)", pack.Price, pack.Credits,
            Money.FromMinorDecimal(pack.Price.Minor / (decimal)pack.Credits, pack.Price.Currency));
        await pricing.PriceAsync(db, invoice, new Billing.Pricing.PricingRequest(organizationId, InvoicePurpose.CreditPurchase, null, null), now, ct);
        await BillingBooks.ApplyBalanceAsync(db, invoice, now, ct);
        db.Invoices.Add(invoice);
        var purchase = new CreditPurchase
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Trigger = trigger,
            PackCode = pack.Code,
            Credits = pack.Credits,
            PriceMinor = pack.Price.Minor,
            CurrencyCode = pack.Price.Currency.Code,
            RequestKey = requestKey ?? $"click:{Guid.CreateVersion7(now):N}",
            Status = CreditPurchaseStatus.Charging,
            InvoiceId = invoice.Id,
            RequestedBy = userId,
            CreatedAt = now,
        };
        db.CreditPurchases.Add(purchase);
        var needsCharge = invoice.TotalMinor > 0;
        if (needsCharge && approvalProcessor is not null)
        {
            // Paid by approving an order at the processor (PayPal): the pending payment is recorded before the order
            // exists, as InvoiceCharger does, so an approval never completed is reconciled by the billing run.
            db.Payments.Add(new Payment
            {
                Id = Guid.CreateVersion7(now),
                OrganizationId = organizationId,
                InvoiceId = invoice.Id,
                Kind = PaymentKind.Charge,
                AmountMinor = invoice.TotalMinor,
                CurrencyCode = invoice.CurrencyCode,
                Status = PaymentStatus.Pending,
                Processor = approvalProcessor,
                IdempotencyKey = ApprovalKey(invoice.Id),
                MethodDescription = approvalProcessor == "paypal" ? "PayPal" : approvalProcessor,
                CreatedAt = now,
            });
        }

        if (!needsCharge)
        {
            // The account balance pays it all: no card is charged.
            await BillingBooks.FinaliseAsync(db, invoice, account, now, 0, ct);
            await GrantAsync(db, purchase, invoice, now, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance began a purchase first (same request key, or one already charging).
            await transaction.RollbackAsync(ct);
            if (requestKey is not null)
            {
                await using var read = await dbFactory.CreateDbContextAsync(ct);
                if (await read.CreditPurchases.AsNoTracking().FirstOrDefaultAsync(p => p.OrganizationId == organizationId && p.RequestKey == requestKey, ct) is { } first)
                {
                    return new Begun(first.Id, first.InvoiceId, false, first);
                }
            }

            return InProgress;
        }

        return new Begun(purchase.Id, invoice.Id, needsCharge, null);
    }

    private async Task SettleAsync(PortalDbContext db, Guid purchaseId, Invoice invoice, Payment payment, ChargeOutcome outcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var purchase = await db.CreditPurchases.FirstAsync(p => p.Id == purchaseId, ct);
        if (purchase.Status != CreditPurchaseStatus.Charging)
        {
            return;
        }

        if (outcome.Status == ChargeStatus.Succeeded)
        {
            var account = await BillingBooks.AccountAsync(db, invoice.OrganizationId, now, ct);
            await BillingBooks.FinaliseAsync(db, invoice, account, now, 0, ct);
            invoice.MarkPaid(now);
            await GrantAsync(db, purchase, invoice, now, ct);
            return;
        }

        if (outcome.Status is ChargeStatus.Pending or ChargeStatus.Unknown)
        {
            return; // no answer yet: the billing run reconciles the draft (refunds money taken), and the sweep closes the purchase
        }

        string code, message;
        if (outcome.Status == ChargeStatus.RequiresAction)
        {
            // A pack is not worth a trip to the bank: the payment is abandoned (nothing is captured) and the customer is asked for another card.
            payment.Status = PaymentStatus.Failed;
            payment.FailureCode = "authentication_required";
            payment.FailureMessage = "The bank asked to authenticate this payment.";
            payment.CompletedAt = now;
            code = "authentication_required";
            message = $"Your bank asks you to authenticate payments with {payment.MethodDescription}, which credit packs cannot wait for. Make another card your default payment method and try again. No credits were bought and nothing was charged.";
        }
        else
        {
            code = "payment_failed";
            message = $"{payment.MethodDescription} was declined: {outcome.FailureMessage ?? "the payment did not go through."} No credits were bought. Update your payment method and try again.";
        }

        invoice.Discard(now);
        await BillingBooks.ReturnBalanceAsync(db, invoice, "Returned: the payment for credits did not go through", ct);
        await FailAsync(db, purchase, code, message, now, ct);
    }

    private async Task GrantAsync(PortalDbContext db, CreditPurchase purchase, Invoice invoice, DateTimeOffset now, CancellationToken ct)
    {
        var grant = await CreditBooks.GiveAsync(db, new GrantRequest(purchase.OrganizationId, GrantKind.Purchased, Millicredits.FromCredits(purchase.Credits), now,
            CreditPack.ExpiryOf(now), $"pack:{invoice.Id}", $"{invoice.Memo}, invoice {invoice.Number}", purchase.RequestedBy), now, ct);
        if (!grant.IsSuccess)
        {
            throw new InvalidOperationException($"The credits of invoice {invoice.Number} could not be granted: {grant.Error.Code}");
        }

        purchase.Status = CreditPurchaseStatus.Paid;
        purchase.GrantId = grant.Value.Id;
        purchase.CompletedAt = now;
        if (purchase.Trigger == CreditPurchaseTrigger.AutoTopUp)
        {
            await notices.StageAsync(db, purchase.OrganizationId, new BillingNotice("credits.auto_top_up", $"auto_top_up:{purchase.Id:N}",
                $"Auto top-up: {Millicredits.FromCredits(purchase.Credits).Format()} added",
                $"Your balance fell under your auto top-up threshold, so we bought {Millicredits.FromCredits(purchase.Credits).Format()} for {invoice.Total.Format()} (invoice {invoice.Number}).", "/credits/buy"), ct);
        }
    }

    private async Task FailAsync(PortalDbContext db, CreditPurchase purchase, string code, string message, DateTimeOffset now, CancellationToken ct)
    {
        purchase.Status = CreditPurchaseStatus.Failed;
        purchase.FailureCode = code;
        purchase.FailureMessage = message.Length > 300 ? message[..300] : message;
        purchase.CompletedAt = now;
        if (purchase.Trigger != CreditPurchaseTrigger.AutoTopUp)
        {
            return;
        }

        // A failed top-up stops auto top-up until the payment method changes, and tells the people who can fix it.
        var pool = await db.CreditPools.FirstOrDefaultAsync(p => p.OrganizationId == purchase.OrganizationId, ct);
        if (pool is not null)
        {
            pool.AutoTopUpFailedAt = now;
            pool.Version++;
        }

        await notices.StageAsync(db, purchase.OrganizationId, new BillingNotice("credits.auto_top_up_failed", $"auto_top_up_failed:{purchase.Id:N}",
            "Auto top-up failed",
            $"We could not buy {Millicredits.FromCredits(purchase.Credits).Format()}: {message} Auto top-up is paused until you update your payment method.", "/billing/payment-methods"), ct);
    }

    private async Task AbandonAsync(Guid purchaseId, string code, string message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var purchase = await db.CreditPurchases.FirstAsync(p => p.Id == purchaseId, ct);
        var invoice = await db.Invoices.FirstAsync(i => i.Id == purchase.InvoiceId, ct);
        if (purchase.Status != CreditPurchaseStatus.Charging || invoice.Status != InvoiceStatus.Draft)
        {
            return;
        }

        invoice.Discard(now);
        await BillingBooks.ReturnBalanceAsync(db, invoice, "Returned: the payment for credits did not start", ct);
        await FailAsync(db, purchase, code, code == "payment_method_required" ? "Add a payment method to buy credits." : message, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Publishes the new balance of a paid purchase and answers it.</summary>
    private async Task<Result<PackPurchaseResult>> FinishAsync(Guid purchaseId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var purchase = await db.CreditPurchases.AsNoTracking().FirstAsync(p => p.Id == purchaseId, ct);
        var answer = await AnswerOfAsync(purchase, repeated: false, ct);
        if (answer.IsSuccess)
        {
            feed.Publish(purchase.OrganizationId, answer.Value.Balance, clock.GetUtcNow(), "purchase");
        }

        return answer;
    }

    /// <summary>The answer a purchase gives (again, for a repeated request; a purchase still charging is waited for).</summary>
    private async Task<Result<PackPurchaseResult>> AnswerOfAsync(CreditPurchase purchase, bool repeated, CancellationToken ct)
    {
        var waited = TimeSpan.Zero;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        while (purchase.Status == CreditPurchaseStatus.Charging && waited < WaitForTwin)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
            waited += TimeSpan.FromMilliseconds(50);
            purchase = await db.CreditPurchases.AsNoTracking().FirstAsync(p => p.Id == purchase.Id, ct);
        }

        switch (purchase.Status)
        {
            case CreditPurchaseStatus.Charging:
                return new Error("payment_pending", "The payment processor has not answered yet. We will check the payment shortly; you will not be charged twice.", ErrorKind.Conflict);
            case CreditPurchaseStatus.Failed:
                return new Error(purchase.FailureCode ?? "payment_failed", purchase.FailureMessage ?? "The payment did not go through. No credits were bought.",
                    purchase.FailureCode == "payment_method_required" ? ErrorKind.Conflict : ErrorKind.PaymentRequired);
        }

        var number = await db.Invoices.Where(i => i.Id == purchase.InvoiceId).Select(i => i.Number).FirstOrDefaultAsync(ct);
        var expires = purchase.GrantId is { } grantId ? await db.CreditGrants.Where(g => g.Id == grantId).Select(g => (DateTimeOffset?)g.ExpiresAt).FirstOrDefaultAsync(ct) : null;
        var balance = await CreditBalances.ReadAsync(db, purchase.OrganizationId, clock.GetUtcNow(), ct);
        return new PackPurchaseResult(purchase.Id, purchase.PackCode, purchase.Credits, new Money(purchase.PriceMinor, Currency.FromCode(purchase.CurrencyCode)),
            purchase.InvoiceId, number, purchase.GrantId, expires, balance.Available, repeated);
    }

    internal static readonly Error PaymentMethodRequired = new("payment_method_required", "Add a payment method to buy credits: packs are charged to your default payment method.", ErrorKind.Conflict);

    private static readonly Error InProgress = new("purchase_in_progress", "A purchase of credits is already being charged for this organisation. Wait a moment and look at your balance before buying again.", ErrorKind.Conflict);

    private sealed record Begun(Guid PurchaseId, Guid InvoiceId, bool NeedsCharge, CreditPurchase? Existing);
}
