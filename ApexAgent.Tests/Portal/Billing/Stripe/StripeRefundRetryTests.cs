using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing.Stripe;

/// <summary>A refund whose answer is lost stays pending, moves no money twice, and is completed by asking again with its key.</summary>
public sealed class StripeRefundRetryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_refund_without_an_answer_stays_pending_and_the_next_pass_completes_it_refunding_once()
    {
        await using var world = await StripeWorld.StartAsync(timeout: Timeout, networkRetries: 0);
        var customer = await world.CustomerAsync();
        var paid = await world.SubscribeAsync(customer.Actor);
        var staff = await world.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        world.Stripe.Delay("POST", "/v1/refunds", Timeout + TimeSpan.FromSeconds(1));

        var note = await world.Factory.Get<CreditNoteService>().IssueAsync(staff.Actor, paid.InvoiceId!.Value, 500, "Outage on 3 March", refund: true, CancellationToken.None);

        Assert.True(note.IsSuccess, note.Error?.Message);
        var pending = Assert.Single(await world.PaymentsAsync(note.Value.Id));
        Assert.Equal(PaymentStatus.Pending, pending.Status);
        Assert.Equal(0, await world.DbAsync(db => db.AccountBalanceEntries.CountAsync(e => e.InvoiceId == note.Value.Id))); // nothing credited twice

        world.Clock.Advance(TimeSpan.FromMinutes(3));
        await world.Factory.Get<PendingPaymentReconciliation>().RunAsync(CancellationToken.None);

        var completed = Assert.Single(await world.PaymentsAsync(note.Value.Id));
        Assert.Equal(PaymentStatus.Succeeded, completed.Status);
        var refunds = world.Stripe.Requests.Where(r => r.Path == "/v1/refunds").ToList();
        Assert.Equal(2, refunds.Count);
        Assert.All(refunds, r => Assert.Equal(pending.IdempotencyKey, r.IdempotencyKey));
        Assert.Single(world.Stripe.All("refund"));
        Assert.Equal(0, await world.DbAsync(db => db.AccountBalanceEntries.CountAsync(e => e.InvoiceId == note.Value.Id)));
    }
}
