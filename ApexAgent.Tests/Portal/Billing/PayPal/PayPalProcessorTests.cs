using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Credits.Purchases;
using ApexAgent.Portal.Integrations.PayPal;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing.PayPal;

/// <summary>PayPal as a payment processor: saving an account through approve → return, renewals charged to it, declines, refunds, packs bought with PayPal.</summary>
public sealed class PayPalProcessorTests(PayPalWorld world) : IClassFixture<PayPalWorld>
{
    [Fact]
    public async Task Connecting_PayPal_saves_the_vault_token_for_the_organisation_that_asked_and_nobody_else()
    {
        var owner = await world.Factory.CreateAccountAsync();
        var stranger = await world.Factory.CreateAccountAsync();
        var vault = world.Factory.Get<PayPalVault>();

        var approve = await vault.StartAsync(owner.Actor, "https://portal.test/", CancellationToken.None);
        Assert.True(approve.IsSuccess, approve.Error?.Message);
        var back = await world.FollowAsync(approve.Value);
        Assert.Equal("/billing/paypal/return", back.AbsolutePath);
        var setupToken = PayPalWorld.Query(back, "approval_token_id");

        var stolen = await vault.CompleteAsync(stranger.Actor, setupToken, CancellationToken.None);
        Assert.Equal(ErrorKind.NotFound, stolen.Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await vault.CompleteAsync(owner.Actor, "5C-made-up", CancellationToken.None)).Error!.Kind);

        var saved = await vault.CompleteAsync(owner.Actor, setupToken, CancellationToken.None);
        var again = await vault.CompleteAsync(owner.Actor, setupToken, CancellationToken.None); // the page rendered twice
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        Assert.Equal(saved.Value.Id, again.Value.Id);
        Assert.Equal(("paypal", "PayPal", "jane", true), (saved.Value.Type, saved.Value.Brand, saved.Value.Last4, saved.Value.IsDefault));
        var methods = await world.Factory.WithDbAsync(db => db.PaymentMethods.AsNoTracking().Where(m => m.OrganizationId == owner.OrganizationId || m.OrganizationId == stranger.OrganizationId).ToListAsync());
        var method = Assert.Single(methods);
        Assert.Equal((owner.OrganizationId, "paypal"), (method.OrganizationId, method.Processor));
        Assert.StartsWith("8KE", method.ProcessorToken);
        Assert.Equal(1, world.Fake.Count("POST", "/v3/vault/payment-tokens") - world.Fake.Requests.Count(r => r.Path == "/v3/vault/payment-tokens" && r.RequestId != $"vault-token:{setupToken}"));

        // Removing the method deletes the vault token at PayPal.
        var removed = await world.Factory.Get<PaymentMethodService>().RemoveAsync(owner.Actor, method.Id, CancellationToken.None);
        Assert.True(removed.IsSuccess, removed.Error?.Message);
        Assert.Contains(world.Fake.Requests, r => r.Method == "DELETE" && r.Path == $"/v3/vault/payment-tokens/{method.ProcessorToken}" && r.Status == 204);
    }

    [Fact]
    public async Task A_plan_paid_with_PayPal_renews_off_session_through_the_billing_run_with_the_vault_token()
    {
        var owner = await world.Factory.CreateAccountAsync();
        await ConnectAsync(owner);
        var captures = world.Fake.CaptureCount;

        var change = await world.Factory.Get<PlanChangeService>().ConfirmAsync(owner.Actor, new PlanChangeRequest(TierCode.Pro, BillingCycle.Monthly, 1, false), CancellationToken.None);
        Assert.True(change.IsSuccess, change.Error?.Message);
        Assert.Equal(captures + 1, world.Fake.CaptureCount);

        world.Clock.Advance(TimeSpan.FromDays(32));
        await world.Factory.Get<BillingRun>().RunAsync(CancellationToken.None);

        Assert.Equal(captures + 2, world.Fake.CaptureCount);
        var invoices = await world.Factory.WithDbAsync(db => db.Invoices.AsNoTracking().Where(i => i.OrganizationId == owner.OrganizationId && i.Number != null).ToListAsync());
        Assert.Equal(2, invoices.Count);
        Assert.All(invoices, i => Assert.Equal(InvoiceStatus.Paid, i.Status));
        var payments = await world.Factory.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => p.OrganizationId == owner.OrganizationId).ToListAsync());
        Assert.All(payments, p => Assert.Equal(("paypal", PaymentStatus.Succeeded), (p.Processor, p.Status)));
        Assert.All(payments, p => Assert.StartsWith("3C", p.ProcessorPaymentId));
        foreach (var payment in payments)
        {
            Assert.Equal(payment.AmountMinor, world.Fake.CaptureById(payment.ProcessorPaymentId!).Minor);
            Assert.Contains(world.Fake.Requests, r => r.Path == "/v2/checkout/orders" && r.RequestId == payment.IdempotencyKey);
        }

        // The processor lists them for the reconciliation.
        var listed = await world.Processor.ListChargesAsync(world.Clock.GetUtcNow().AddDays(-40), world.Clock.GetUtcNow().AddDays(1), CancellationToken.None);
        Assert.All(payments, p => Assert.Contains(listed, c => c.ProcessorPaymentId == p.ProcessorPaymentId && c.IdempotencyKey == p.IdempotencyKey && c.Amount.Minor == p.AmountMinor));
    }

    [Fact]
    public async Task A_declined_vault_charge_is_a_hard_decline_and_captures_nothing()
    {
        var vault = await world.VaultTokenAsync();
        world.Fake.DecliningVaults[vault] = true;
        var captures = world.Fake.CaptureCount;

        var outcome = await world.Processor.ChargeAsync(PayPalWorld.Charge(vault, 45_00), CancellationToken.None);

        Assert.Equal((ChargeStatus.Declined, "instrument_declined"), (outcome.Status, outcome.FailureCode));
        Assert.Equal(captures, world.Fake.CaptureCount);
        var unknown = await world.Processor.ChargeAsync(PayPalWorld.Charge("8KE-not-in-the-vault", 45_00), CancellationToken.None);
        Assert.Equal((ChargeStatus.Declined, "payment_method_invalid"), (unknown.Status, unknown.FailureCode));
    }

    [Fact]
    public async Task Refunds_are_full_or_partial_never_more_than_was_captured_and_a_repeated_refund_is_made_once()
    {
        var vault = await world.VaultTokenAsync();
        var charge = await world.Processor.ChargeAsync(PayPalWorld.Charge(vault, 50_00), CancellationToken.None);
        var capture = charge.ProcessorPaymentId!;

        var part = new RefundRequest($"refund:{Guid.NewGuid():N}", capture, Money.Usd(20_00), "Partial credit note");
        var first = await world.Processor.RefundAsync(part, CancellationToken.None);
        var repeated = await world.Processor.RefundAsync(part, CancellationToken.None);
        Assert.True(first.Succeeded, first.FailureMessage);
        Assert.Equal(first.ProcessorRefundId, repeated.ProcessorRefundId);
        Assert.Equal(20_00, world.Fake.RefundedMinor(capture));

        var tooMuch = await world.Processor.RefundAsync(new RefundRequest($"refund:{Guid.NewGuid():N}", capture, Money.Usd(30_01), "Too much"), CancellationToken.None);
        Assert.False(tooMuch.Succeeded);
        Assert.Contains("larger than", tooMuch.FailureMessage);

        var rest = await world.Processor.RefundAsync(new RefundRequest($"refund:{Guid.NewGuid():N}", capture, Money.Usd(30_00), "The rest"), CancellationToken.None);
        Assert.True(rest.Succeeded, rest.FailureMessage);
        Assert.Equal(50_00, world.Fake.RefundedMinor(capture));
        var after = await world.Processor.RefundAsync(new RefundRequest($"refund:{Guid.NewGuid():N}", capture, Money.Usd(1), "Again"), CancellationToken.None);
        Assert.False(after.Succeeded);

        var listed = await world.Processor.ListChargesAsync(world.Clock.GetUtcNow().AddHours(-1), world.Clock.GetUtcNow().AddHours(1), CancellationToken.None);
        Assert.Equal(50_00, listed.Single(c => c.ProcessorPaymentId == capture).Refunded.Minor);
    }

    [Fact]
    public async Task A_pack_bought_with_PayPal_is_granted_once_after_capture_and_a_cancelled_or_declined_one_grants_nothing()
    {
        var owner = await world.Factory.CreateAccountAsync();
        var checkout = world.Factory.Get<PayPalCheckout>();
        var captures = world.Fake.CaptureCount;
        var before = await AvailableAsync(owner.OrganizationId);

        var started = await checkout.StartAsync(owner.Actor, "pack-5000", "https://portal.test/", CancellationToken.None);
        Assert.True(started.IsSuccess, started.Error?.Message);
        var back = await world.FollowAsync(started.Value.ApproveUrl!);
        Assert.Equal("/credits/paypal/return", back.AbsolutePath);
        var purchaseId = PayPalWorld.Query(back, "approval");
        var bought = await checkout.CompleteAsync(owner.Actor, purchaseId, cancelled: false, CancellationToken.None);
        var again = await checkout.CompleteAsync(owner.Actor, purchaseId, cancelled: false, CancellationToken.None);

        Assert.True(bought.IsSuccess, bought.Error?.Message);
        Assert.Equal((5_000L, bought.Value.InvoiceNumber), (bought.Value.Credits, again.Value.InvoiceNumber));
        Assert.Equal(captures + 1, world.Fake.CaptureCount);
        Assert.Equal(45_00, world.Fake.Captures.Last().Minor);
        Assert.Equal(before + Millicredits.FromCredits(5_000), await AvailableAsync(owner.OrganizationId));
        var invoice = await world.Factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == bought.Value.InvoiceId));
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        var payment = await world.Factory.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.InvoiceId == invoice.Id));
        Assert.Equal(("paypal", PaymentStatus.Succeeded), (payment.Processor, payment.Status));

        // Someone else cannot complete it.
        var stranger = await world.Factory.CreateAccountAsync();
        Assert.Equal(ErrorKind.NotFound, (await checkout.CompleteAsync(stranger.Actor, purchaseId, false, CancellationToken.None)).Error!.Kind);

        // Cancelled at PayPal: nothing captured, nothing granted, the draft discarded.
        var cancelled = await checkout.StartAsync(owner.Actor, "pack-1000", "https://portal.test/", CancellationToken.None);
        var cancelBack = await world.FollowAsync(cancelled.Value.ApproveUrl! + "?cancel=true");
        Assert.Equal("true", PayPalWorld.Query(cancelBack, "cancelled"));
        var refused = await checkout.CompleteAsync(owner.Actor, PayPalWorld.Query(cancelBack, "approval"), cancelled: true, CancellationToken.None);
        Assert.False(refused.IsSuccess);

        // Declined capture: nothing granted.
        world.Fake.DeclineCaptures = true;
        try
        {
            var declined = await checkout.StartAsync(owner.Actor, "pack-1000", "https://portal.test/", CancellationToken.None);
            var declinedBack = await world.FollowAsync(declined.Value.ApproveUrl!);
            var failed = await checkout.CompleteAsync(owner.Actor, PayPalWorld.Query(declinedBack, "approval"), cancelled: false, CancellationToken.None);
            Assert.Equal("payment_failed", failed.Error!.Code);
        }
        finally
        {
            world.Fake.DeclineCaptures = false;
        }

        Assert.Equal(captures + 1, world.Fake.CaptureCount);
        Assert.Equal(before + Millicredits.FromCredits(5_000), await AvailableAsync(owner.OrganizationId));
        var drafts = await world.Factory.WithDbAsync(db => db.Invoices.AsNoTracking().Where(i => i.OrganizationId == owner.OrganizationId && i.Id != invoice.Id).ToListAsync());
        Assert.Equal(2, drafts.Count);
        Assert.All(drafts, d => Assert.Null(d.Number));
        Assert.All(drafts, d => Assert.NotEqual(InvoiceStatus.Paid, d.Status));
    }

    private async Task ConnectAsync(TestSupport.TestAccount owner)
    {
        var vault = world.Factory.Get<PayPalVault>();
        var approve = await vault.StartAsync(owner.Actor, "https://portal.test/", CancellationToken.None);
        var back = await world.FollowAsync(approve.Value);
        var saved = await vault.CompleteAsync(owner.Actor, PayPalWorld.Query(back, "approval_token_id"), CancellationToken.None);
        Assert.True(saved.IsSuccess, saved.Error?.Message);
    }

    private Task<Millicredits> AvailableAsync(Guid organizationId) =>
        world.Factory.WithDbAsync(async db => (await CreditBalances.ReadAsync(db, organizationId, world.Clock.GetUtcNow(), CancellationToken.None)).Available);
}
