using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing.Stripe;

/// <summary>A first subscription whose Stripe payment needs 3-D Secure: it waits, the bank answers, the portal asks Stripe.</summary>
public sealed class StripeCheckoutAuthenticationTests(StripeWorldFixture fixture) : IClassFixture<StripeWorldFixture>
{
    private StripeWorld World => fixture.World;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_bank_s_answer_is_read_back_from_stripe_and_settles_the_subscription(bool approve)
    {
        var customer = await World.CustomerAsync(StripeWorld.AuthenticationRequired);
        var waiting = await World.SubscribeAsync(customer.Actor);
        var paymentId = Assert.IsType<Guid>(waiting.AuthenticationPaymentId);
        var checkouts = World.Factory.Get<CheckoutAuthentication>();
        var found = (await checkouts.FindAsync(customer.Actor, paymentId, CancellationToken.None)).Value;
        Assert.Equal("stripe", found.Processor);
        var intent = World.Stripe.Get(found.ProcessorPaymentId!);
        Assert.Equal(("requires_action", (string?)null), ((string?)intent["status"], World.Stripe.Requests.Last(r => r.Path == "/v1/payment_intents").Form.GetValueOrDefault("off_session")));
        Assert.Equal((string?)intent["client_secret"], await World.Processor.ClientSecretAsync(found.ProcessorPaymentId!, CancellationToken.None));
        Assert.Equal(CheckoutOutcome.StillWaiting, (await checkouts.CompleteAsync(customer.Actor, paymentId, CancellationToken.None)).Value);

        World.Stripe.Authenticate(found.ProcessorPaymentId!, approve);
        var outcome = await checkouts.CompleteAsync(customer.Actor, paymentId, CancellationToken.None);

        Assert.Equal(approve ? CheckoutOutcome.Paid : CheckoutOutcome.Failed, outcome.Value);
        var pro = await World.DbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(s => s.OrganizationId == customer.OrganizationId && s.Tier == TierCode.Pro));
        Assert.Equal(approve ? (SubscriptionStatus.Active, (string?)null) : (SubscriptionStatus.Canceled, "incomplete_expired"), (pro.Status, pro.EndReason));
        var payment = (await World.PaymentsAsync(waiting.InvoiceId!.Value)).Single();
        Assert.Equal(approve ? (ApexAgent.Portal.Features.Billing.PaymentStatus.Succeeded, (string?)null) : (ApexAgent.Portal.Features.Billing.PaymentStatus.Failed, "authentication_failed"), (payment.Status, payment.FailureCode));
        var invoice = (await World.InvoicesAsync(customer.OrganizationId)).Single(i => i.Id == waiting.InvoiceId);
        Assert.Equal(approve ? InvoiceStatus.Paid : InvoiceStatus.Void, invoice.Status);
        Assert.Single(World.Stripe.All("payment_intent"), p => (string?)p["customer"] == (string?)intent["customer"]);
    }
}
