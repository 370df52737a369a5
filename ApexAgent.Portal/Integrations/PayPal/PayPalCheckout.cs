using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Data;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Credits.Purchases;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Portal.Integrations.PayPal;

/// <summary>
/// Buying a credit pack with PayPal (Orders v2 create → approve → capture): the purchase begins as a card purchase
/// does (a draft invoice and a pending payment, <see cref="CreditPurchaseService.BeginApprovalAsync"/>), the order is
/// created for the draft's total with the payment's idempotency key as <c>PayPal-Request-Id</c>, the buyer approves at
/// PayPal, and <c>/credits/paypal/return</c> captures it and settles the purchase exactly as a card charge is settled.
/// A cancelled approval or a declined capture grants nothing; an approval never completed is reconciled by the billing run.
/// </summary>
public sealed class PayPalCheckout(PayPalPaymentProcessor paypal, CreditPurchaseService purchases, IDbContextFactory<PortalDbContext> dbFactory)
{
    public const string ReturnPath = "credits/paypal/return";

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

        var back = $"{baseUri.TrimEnd('/')}/{ReturnPath}?purchase={begun.Value.PurchaseId:N}";
        var order = await paypal.CreateCheckoutOrderAsync(begun.Value.IdempotencyKey, begun.Value.Amount, begun.Value.Description, back, $"{back}&cancelled=true", ct);
        if (!order.IsSuccess)
        {
            await purchases.SettleApprovalAsync(actor, begun.Value.PurchaseId, new ChargeOutcome(ChargeStatus.Failed, null, order.Error.Code, order.Error.Message), ct);
            return order.Error;
        }

        return new PayPalPackStart(order.Value.ApproveUrl, null);
    }

    /// <summary>PayPal sent the buyer back: capture the approved order (or record the cancellation) and settle the purchase.</summary>
    public async Task<Result<PackPurchaseResult>> CompleteAsync(Actor actor, Guid purchaseId, bool cancelled, CancellationToken ct)
    {
        if (!actor.Can(Permission.CreditsPurchase))
        {
            return Features.Organizations.OrganizationService.Forbidden("buy credits");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoiceId = await db.CreditPurchases.Where(p => p.Id == purchaseId && p.OrganizationId == actor.OrganizationId).Select(p => (Guid?)p.InvoiceId).FirstOrDefaultAsync(ct);
        if (invoiceId is null)
        {
            return Error.NotFound("credit_purchase", "credit purchase");
        }

        var key = CreditPurchaseService.ApprovalKey(invoiceId.Value);
        ChargeOutcome outcome;
        if (cancelled)
        {
            await paypal.CancelCheckoutOrderAsync(key, ct);
            outcome = new ChargeOutcome(ChargeStatus.Declined, null, "payer_cancelled", "You cancelled the payment at PayPal; nothing was charged.");
        }
        else
        {
            outcome = await paypal.CaptureCheckoutOrderAsync(key, ct);
        }

        return await purchases.SettleApprovalAsync(actor, purchaseId, outcome, ct);
    }
}
