using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing;

/// <summary>
/// A first subscription whose payment the bank asks to authenticate (sandbox card 4000 0025 0000 3155): incomplete
/// until the customer approves, declines, or a day passes.
/// </summary>
public sealed class CheckoutAuthenticationTests
{
    private const string Authenticating = "4000002500003155";
    private static readonly DateTimeOffset Start = new(2027, 5, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Approving_at_the_bank_starts_the_subscription_and_numbers_its_invoice()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync(Authenticating);

        var waiting = await world.ChangeAsync(customer.Actor, TierCode.Pro);

        var paymentId = Assert.IsType<Guid>(waiting.AuthenticationPaymentId);
        Assert.Null(waiting.InvoiceNumber);
        Assert.Equal(TierCode.Free, (await world.InForceAsync(customer.OrganizationId)).Tier);
        var incomplete = await world.DbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(s => s.OrganizationId == customer.OrganizationId && s.Status == SubscriptionStatus.Incomplete));
        Assert.Equal(TierCode.Pro, incomplete.Tier);
        Assert.DoesNotContain(await world.InvoicesAsync(customer.OrganizationId), i => i.Number != null);

        var key = (await world.PaymentsAsync(customer.OrganizationId)).Single(p => p.Id == paymentId).IdempotencyKey;
        Assert.True(await ((SandboxPaymentProcessor)world.Factory.Get<IPaymentProcessor>()).AuthenticateAsync(key, approve: true, CancellationToken.None));
        var outcome = await world.Factory.Get<CheckoutAuthentication>().CompleteAsync(customer.Actor, paymentId, CancellationToken.None);

        Assert.Equal(CheckoutOutcome.Paid, outcome.Value);
        var inForce = await world.InForceAsync(customer.OrganizationId);
        Assert.Equal((incomplete.Id, TierCode.Pro, SubscriptionStatus.Active), (inForce.Id, inForce.Tier, inForce.Status));
        var invoice = Assert.Single(await world.InvoicesAsync(customer.OrganizationId), i => i.Number != null);
        Assert.Equal((InvoiceStatus.Paid, 2000L), (invoice.Status, invoice.TotalMinor));
        Assert.Single(await world.DbAsync(db => db.SandboxCharges.AsNoTracking().Where(c => c.Status == "succeeded").ToListAsync()));
        var again = await world.Factory.Get<CheckoutAuthentication>().CompleteAsync(customer.Actor, paymentId, CancellationToken.None);
        Assert.Equal("payment_not_found", again.Error?.Code); // once settled, nothing is left to complete
        Assert.Single(await world.InvoicesAsync(customer.OrganizationId), i => i.Number != null);
    }

    [Fact]
    public async Task Declining_at_the_bank_ends_the_incomplete_subscription_and_charges_nothing()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync(Authenticating);
        var paymentId = (await world.ChangeAsync(customer.Actor, TierCode.Pro)).AuthenticationPaymentId!.Value;
        var key = (await world.PaymentsAsync(customer.OrganizationId)).Single(p => p.Id == paymentId).IdempotencyKey;

        await ((SandboxPaymentProcessor)world.Factory.Get<IPaymentProcessor>()).AuthenticateAsync(key, approve: false, CancellationToken.None);
        var outcome = await world.Factory.Get<CheckoutAuthentication>().CompleteAsync(customer.Actor, paymentId, CancellationToken.None);

        Assert.Equal(CheckoutOutcome.Failed, outcome.Value);
        await AssertNothingStartedAsync(world, customer.OrganizationId, "authentication_failed");
    }

    [Fact]
    public async Task A_checkout_left_waiting_expires_after_a_day_with_the_billing_run()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync(Authenticating);
        await world.ChangeAsync(customer.Actor, TierCode.Pro);

        world.Clock.Advance(TimeSpan.FromHours(22));
        await world.RunAsync();
        Assert.Single(await world.DbAsync(db => db.Subscriptions.AsNoTracking().Where(s => s.Status == SubscriptionStatus.Incomplete).ToListAsync()));
        world.Clock.Advance(TimeSpan.FromHours(2));
        await world.RunAsync();

        await AssertNothingStartedAsync(world, customer.OrganizationId, "incomplete_expired");
    }

    [Fact]
    public async Task Off_session_renewals_and_upgrades_are_refused_for_a_card_that_needs_authentication()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        await world.AddCardAsync(customer.Actor, Authenticating, makeDefault: true);

        var upgrade = await world.Plans.ConfirmAsync(customer.Actor, new PlanChangeRequest(TierCode.Team, BillingCycle.Monthly, 2), CancellationToken.None);
        Assert.Equal("authentication_required", upgrade.Error?.Code);
        Assert.Equal(TierCode.Pro, (await world.InForceAsync(customer.OrganizationId)).Tier);

        world.Clock.SetUtcNow(Start.AddMonths(1).AddHours(1));
        await world.RunAsync();
        var renewal = Assert.Single(await world.InvoicesAsync(customer.OrganizationId), i => i.Purpose == InvoicePurpose.Renewal);
        Assert.Equal((InvoiceStatus.Open, 1), (renewal.Status, renewal.AttemptCount));
        Assert.Contains(await world.PaymentsAsync(customer.OrganizationId), p => p.InvoiceId == renewal.Id && p.FailureCode == "authentication_required");
    }

    private static async Task AssertNothingStartedAsync(BillingHarness world, Guid organizationId, string failure)
    {
        Assert.Equal(TierCode.Free, (await world.InForceAsync(organizationId)).Tier);
        var ended = await world.DbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(s => s.OrganizationId == organizationId && s.Tier == TierCode.Pro));
        Assert.Equal((SubscriptionStatus.Canceled, "incomplete_expired"), (ended.Status, ended.EndReason));
        var draft = Assert.Single(await world.InvoicesAsync(organizationId));
        Assert.Equal((InvoiceStatus.Void, (string?)null), (draft.Status, draft.Number));
        Assert.Equal(failure, Assert.Single(await world.PaymentsAsync(organizationId)).FailureCode);
        Assert.Empty(await world.DbAsync(db => db.SandboxCharges.AsNoTracking().Where(c => c.Status == "succeeded").ToListAsync()));
    }
}
