using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Credits.Purchases;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// Buying a credit pack with PayPal (Orders v2 create → approve → capture), with or without a saved payment method:
/// the purchase begins as a card purchase does (a draft invoice and a pending payment,
/// <see cref="CreditPurchaseService.BeginApprovalAsync"/>), the approval is stored (<see cref="StoredPayPalApproval"/>,
/// three hours) before the order is created for the draft's total with the payment's idempotency key as
/// <c>PayPal-Request-Id</c>, the buyer approves at PayPal, and <c>/credits/paypal/return?approval=…</c> captures it
/// (capture request id derived from the same key) and settles the purchase exactly as a card charge is settled.
/// The stored approval survives a restart, answers only its own organisation, and is completed once: a second return
/// answers the first settlement and never captures again. A cancelled or expired approval or a declined capture grants
/// nothing; an approval never completed is reconciled by the billing run.
/// </summary>
public sealed class PayPalCheckout(PayPalPaymentProcessor paypal, CreditPurchaseService purchases, IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public const string ReturnPath = "credits/paypal/return";

    /// <summary>How long a buyer has to approve at PayPal and come back (PayPal keeps an unapproved order for three hours).</summary>
    public static readonly TimeSpan ApprovalLifetime = TimeSpan.FromHours(3);

    /// <summary>The answer for an approval that expired before the buyer came back.</summary>
    public static readonly Error Expired = new("paypal_approval_expired",
        "This PayPal payment has expired (you have three hours to approve it at PayPal). Nothing was charged and no credits were bought; start again.", ErrorKind.Conflict);

    private readonly SemaphoreSlim completing = new(1, 1);

    /// <summary>The approve link to send the buyer to, or the finished purchase when the account balance paid it.</summary>
    public async Task<Result<PayPalPackStart>> StartAsync(Actor actor, string? packCode, string baseUri, CancellationToken ct)
    {
        var begun = await purchases.BeginApprovalAsync(actor, packCode, PayPalPaymentProcessor.ProcessorName, ct);
        if (!begun.IsSuccess)
        {
            return begun.Error;
        }

        if (begun.Value.Done is { } done)
        {
            return new PayPalPackStart(null, done);
        }

        var now = clock.GetUtcNow();
        var approval = new StoredPayPalApproval
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = actor.OrganizationId,
            Kind = StoredPayPalApproval.OrderKind,
            PackCode = packCode,
            PurchaseId = begun.Value.PurchaseId,
            AmountMinor = begun.Value.Amount.Minor,
            CurrencyCode = begun.Value.Amount.Currency.Code,
            RequestedBy = actor.UserId,
            CreatedAt = now,
            ExpiresAt = now + ApprovalLifetime,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.PayPalApprovals.Add(approval);
            await db.SaveChangesAsync(ct);
        }

        var back = $"{baseUri.TrimEnd('/')}/{ReturnPath}?approval={approval.Id:N}";
        var order = await paypal.CreateCheckoutOrderAsync(begun.Value.IdempotencyKey, begun.Value.Amount, begun.Value.Description, back, $"{back}&cancelled=true", ct);
        if (!order.IsSuccess)
        {
            await purchases.SettleApprovalAsync(actor, begun.Value.PurchaseId, new ChargeOutcome(ChargeStatus.Failed, null, order.Error.Code, order.Error.Message), ct);
            await CloseAsync(approval.Id, "failed", ct);
            return order.Error;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.PayPalApprovals.Where(a => a.Id == approval.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.PayPalId, order.Value.Id), ct);
        }

        return new PayPalPackStart(order.Value.ApproveUrl, null);
    }

    /// <summary>
    /// PayPal sent the buyer back (<paramref name="approvalId"/> is ours, from the return link): capture the approved
    /// order (or record the cancellation or expiry) and settle the purchase. Completing again answers the first time.
    /// </summary>
    public async Task<Result<PackPurchaseResult>> CompleteAsync(Actor actor, string? approvalId, bool cancelled, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsPurchase))
        {
            return Features.Organizations.OrganizationService.Forbidden("buy credits");
        }

        if (!Guid.TryParse(approvalId, out var id) || await FindAsync(actor.OrganizationId, id, ct) is not { PurchaseId: { } purchaseId })
        {
            return Error.NotFound("paypal_approval", "PayPal payment");
        }

        await completing.WaitAsync(ct);
        try
        {
            var approval = (await FindAsync(actor.OrganizationId, id, ct))!;
            var waiting = new ChargeOutcome(ChargeStatus.Pending, null); // settles nothing: answers the purchase as it stands
            if (approval.CompletedAt is not null)
            {
                return approval.Outcome == "expired" ? Expired : await purchases.SettleApprovalAsync(actor, purchaseId, waiting, ct);
            }

            var key = await KeyAsync(purchaseId, ct);
            if (cancelled)
            {
                await paypal.CancelCheckoutOrderAsync(key, ct);
                var refused = await purchases.SettleApprovalAsync(actor, purchaseId, new ChargeOutcome(ChargeStatus.Declined, null, "payer_cancelled", "You cancelled the payment at PayPal; nothing was charged."), ct);
                await CloseAsync(approval.Id, "cancelled", ct);
                return refused;
            }

            if (approval.ExpiresAt <= clock.GetUtcNow())
            {
                await paypal.CancelCheckoutOrderAsync(key, ct);
                await purchases.SettleApprovalAsync(actor, purchaseId, new ChargeOutcome(ChargeStatus.Declined, null, Expired.Code, Expired.Message), ct);
                await CloseAsync(approval.Id, "expired", ct);
                return Expired;
            }

            var outcome = await paypal.CaptureCheckoutOrderAsync(key, ct);
            var settled = await purchases.SettleApprovalAsync(actor, purchaseId, outcome, ct);
            if (outcome.Status is not (ChargeStatus.Pending or ChargeStatus.Unknown))
            {
                await CloseAsync(approval.Id, outcome.Status == ChargeStatus.Succeeded ? "captured" : "declined", ct);
            }

            return settled; // no answer yet: the approval stays open, and coming back asks PayPal again with the same request id
        }
        finally
        {
            completing.Release();
        }
    }

    private async Task<StoredPayPalApproval?> FindAsync(Guid organizationId, Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PayPalApprovals.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == id && a.Kind == StoredPayPalApproval.OrderKind && a.OrganizationId == organizationId, ct);
    }

    private async Task<string> KeyAsync(Guid purchaseId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoiceId = await db.CreditPurchases.Where(p => p.Id == purchaseId).Select(p => p.InvoiceId).FirstAsync(ct);
        return CreditPurchaseService.ApprovalKey(invoiceId);
    }

    private async Task CloseAsync(Guid id, string outcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.PayPalApprovals.Where(a => a.Id == id && a.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CompletedAt, now).SetProperty(a => a.Outcome, outcome), ct);
    }
}
