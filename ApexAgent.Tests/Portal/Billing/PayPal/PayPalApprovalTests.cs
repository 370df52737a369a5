using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Integrations.PayPal;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Billing.PayPal;

/// <summary>
/// Pending PayPal approvals (vault setup tokens and pack orders) are stored: a restart between the approval and the
/// return still completes them, once; another organisation's approval is unknown; an expired one is refused clearly.
/// </summary>
public sealed class PayPalApprovalTests(PayPalWorld world) : IClassFixture<PayPalWorld>
{
    [Fact]
    public async Task A_PayPal_account_approved_before_a_restart_is_saved_once_after_it_and_only_for_its_organisation()
    {
        var owner = await world.Factory.CreateAccountAsync();
        var stranger = await world.Factory.CreateAccountAsync();
        var approve = await world.Factory.Get<PayPalVault>().StartAsync(owner.Actor, "https://portal.test/", CancellationToken.None);
        Assert.True(approve.IsSuccess, approve.Error?.Message);
        var setupToken = PayPalWorld.Query(await world.FollowAsync(approve.Value), "approval_token_id");

        // "Restart": new instances know nothing in memory; everything comes from the database.
        var afterRestart = Fresh<PayPalVault>();
        Assert.Equal(ErrorKind.NotFound, (await afterRestart.CompleteAsync(stranger.Actor, setupToken, CancellationToken.None)).Error!.Kind);
        var results = await Task.WhenAll(afterRestart.CompleteAsync(owner.Actor, setupToken, CancellationToken.None), afterRestart.CompleteAsync(owner.Actor, setupToken, CancellationToken.None));
        var later = await Fresh<PayPalVault>().CompleteAsync(owner.Actor, setupToken, CancellationToken.None);

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));
        Assert.Equal(results[0].Value.Id, results[1].Value.Id);
        Assert.Equal(results[0].Value.Id, later.Value.Id);
        var methods = await world.Factory.WithDbAsync(db => db.PaymentMethods.AsNoTracking().Where(m => m.OrganizationId == owner.OrganizationId || m.OrganizationId == stranger.OrganizationId).ToListAsync());
        Assert.Equal((owner.OrganizationId, "paypal"), (Assert.Single(methods).OrganizationId, methods[0].Processor));
        Assert.Equal(1, world.Fake.Requests.Count(r => r.Method == "POST" && r.Path == "/v3/vault/payment-tokens" && r.RequestId == $"vault-token:{setupToken}"));
        var stored = await world.Factory.WithDbAsync(db => db.PayPalApprovals.AsNoTracking().SingleAsync(a => a.PayPalId == setupToken));
        Assert.Equal(("vault", "saved", methods[0].Id), (stored.Kind, stored.Outcome, stored.PaymentMethodId!.Value));
    }

    [Fact]
    public async Task A_return_after_a_crash_between_saving_and_completing_keeps_the_PayPal_account_once()
    {
        var owner = await world.Factory.CreateAccountAsync();
        var approve = await world.Factory.Get<PayPalVault>().StartAsync(owner.Actor, "https://portal.test/", CancellationToken.None);
        var setupToken = PayPalWorld.Query(await world.FollowAsync(approve.Value), "approval_token_id");
        // The first return saved the method, then the process died before the approval was marked completed.
        var first = await world.Factory.Get<ApexAgent.Portal.Features.Billing.Payments.PaymentMethodService>().AddAsync(owner.Actor, world.Processor, setupToken, false, CancellationToken.None);
        Assert.True(first.IsSuccess, first.Error?.Message);

        var again = await Fresh<PayPalVault>().CompleteAsync(owner.Actor, setupToken, CancellationToken.None);

        Assert.Equal(first.Value.Id, again.Value.Id);
        Assert.Single(await world.Factory.WithDbAsync(db => db.PaymentMethods.AsNoTracking().Where(m => m.OrganizationId == owner.OrganizationId).ToListAsync()));
        Assert.Equal("saved", (await world.Factory.WithDbAsync(db => db.PayPalApprovals.AsNoTracking().SingleAsync(a => a.PayPalId == setupToken))).Outcome);
    }

    [Fact]
    public async Task A_PayPal_account_approved_after_an_hour_is_refused_as_expired_and_nothing_is_saved()
    {
        var owner = await world.Factory.CreateAccountAsync();
        var approve = await world.Factory.Get<PayPalVault>().StartAsync(owner.Actor, "https://portal.test/", CancellationToken.None);
        var setupToken = PayPalWorld.Query(await world.FollowAsync(approve.Value), "approval_token_id");
        world.Clock.Advance(PayPalVault.ApprovalLifetime + TimeSpan.FromSeconds(1));

        var expired = await Fresh<PayPalVault>().CompleteAsync(owner.Actor, setupToken, CancellationToken.None);
        var again = await world.Factory.Get<PayPalVault>().CompleteAsync(owner.Actor, setupToken, CancellationToken.None);

        Assert.Equal("paypal_approval_expired", expired.Error!.Code);
        Assert.Contains("expired", expired.Error.Message);
        Assert.Equal("paypal_approval_expired", again.Error!.Code);
        Assert.False(await world.Factory.WithDbAsync(db => db.PaymentMethods.AnyAsync(m => m.OrganizationId == owner.OrganizationId)));
        Assert.Equal(0, world.Fake.Requests.Count(r => r.Path == "/v3/vault/payment-tokens" && r.RequestId == $"vault-token:{setupToken}"));
    }

    [Fact]
    public async Task A_pack_approved_before_a_restart_is_captured_once_and_granted_once_without_any_saved_method()
    {
        var owner = await world.Factory.CreateAccountAsync();
        Assert.False(await world.Factory.WithDbAsync(db => db.PaymentMethods.AnyAsync(m => m.OrganizationId == owner.OrganizationId)));
        var before = await AvailableAsync(owner.OrganizationId);
        var started = await world.Factory.Get<PayPalCheckout>().StartAsync(owner.Actor, "pack-1000", "https://portal.test/", CancellationToken.None);
        Assert.True(started.IsSuccess, started.Error?.Message);
        var back = await world.FollowAsync(started.Value.ApproveUrl!);
        var approvalId = PayPalWorld.Query(back, "approval");
        var orderId = PayPalWorld.Query(back, "token");
        var stored = await world.Factory.WithDbAsync(db => db.PayPalApprovals.AsNoTracking().SingleAsync(a => a.Id == Guid.Parse(approvalId!)));
        Assert.Equal(("order", orderId, "pack-1000", (string?)null), (stored.Kind, stored.PayPalId, stored.PackCode, stored.Outcome));

        var stranger = await world.Factory.CreateAccountAsync();
        var afterRestart = Fresh<PayPalCheckout>();
        Assert.Equal(ErrorKind.NotFound, (await afterRestart.CompleteAsync(stranger.Actor, approvalId, false, CancellationToken.None)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await afterRestart.CompleteAsync(owner.Actor, Guid.NewGuid().ToString("N"), false, CancellationToken.None)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await afterRestart.CompleteAsync(owner.Actor, "not-an-id", false, CancellationToken.None)).Error!.Kind);

        var results = await Task.WhenAll(afterRestart.CompleteAsync(owner.Actor, approvalId, false, CancellationToken.None), afterRestart.CompleteAsync(owner.Actor, approvalId, false, CancellationToken.None));
        var reload = await Fresh<PayPalCheckout>().CompleteAsync(owner.Actor, approvalId, false, CancellationToken.None);

        Assert.All(results.Append(reload), r => Assert.True(r.IsSuccess, r.Error?.Message));
        Assert.Single(results.Append(reload).Select(r => r.Value.InvoiceNumber).Distinct());
        Assert.Equal(1, world.Fake.Count("POST", $"/v2/checkout/orders/{orderId}/capture"));
        Assert.Equal(before + Millicredits.FromCredits(1_000), await AvailableAsync(owner.OrganizationId));
        var payment = await world.Factory.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.InvoiceId == results[0].Value.InvoiceId));
        Assert.Equal(("paypal", "PayPal", PaymentStatus.Succeeded, 10_00L), (payment.Processor, payment.MethodDescription, payment.Status, payment.AmountMinor));
        Assert.Equal("captured", (await world.Factory.WithDbAsync(db => db.PayPalApprovals.AsNoTracking().SingleAsync(a => a.Id == stored.Id))).Outcome);
    }

    [Fact]
    public async Task A_pack_approval_that_comes_back_after_three_hours_is_refused_as_expired_captures_nothing_and_grants_nothing()
    {
        var owner = await world.Factory.CreateAccountAsync();
        var before = await AvailableAsync(owner.OrganizationId);
        var started = await world.Factory.Get<PayPalCheckout>().StartAsync(owner.Actor, "pack-1000", "https://portal.test/", CancellationToken.None);
        var back = await world.FollowAsync(started.Value.ApproveUrl!);
        var approvalId = PayPalWorld.Query(back, "approval");
        world.Clock.Advance(PayPalCheckout.ApprovalLifetime + TimeSpan.FromMinutes(1));

        var expired = await Fresh<PayPalCheckout>().CompleteAsync(owner.Actor, approvalId, false, CancellationToken.None);
        var again = await world.Factory.Get<PayPalCheckout>().CompleteAsync(owner.Actor, approvalId, false, CancellationToken.None);

        Assert.Equal("paypal_approval_expired", expired.Error!.Code);
        Assert.Equal("paypal_approval_expired", again.Error!.Code);
        Assert.Equal(0, world.Fake.Count("POST", $"/v2/checkout/orders/{PayPalWorld.Query(back, "token")}/capture"));
        Assert.Equal(before, await AvailableAsync(owner.OrganizationId));
        var invoices = await world.Factory.WithDbAsync(db => db.Invoices.AsNoTracking().Where(i => i.OrganizationId == owner.OrganizationId && i.Purpose == InvoicePurpose.CreditPurchase).ToListAsync());
        Assert.All(invoices, i => Assert.Null(i.Number));
        var payment = await world.Factory.WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.InvoiceId == invoices[0].Id));
        Assert.Equal(PaymentStatus.Failed, payment.Status);
    }

    private T Fresh<T>() where T : class => ActivatorUtilities.CreateInstance<T>(world.Factory.Services);

    private Task<Millicredits> AvailableAsync(Guid organizationId) =>
        world.Factory.WithDbAsync(async db => (await CreditBalances.ReadAsync(db, organizationId, world.Clock.GetUtcNow(), CancellationToken.None)).Available);
}
