using ApexAgent.Domain.Common;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Scenarios;

/// <summary>Two billing runs at once, and runs that died half-way, still renew and charge everything exactly once.</summary>
public sealed class BillingConcurrencyTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_runs_at_once_renew_and_charge_each_subscription_once()
    {
        await using var world = new BillingHarness(Start);
        var customers = new List<TestAccount>();
        for (var i = 0; i < 50; i++)
        {
            var customer = await world.CustomerAsync(i % 10 == 0 ? BillingHarness.Declined : BillingHarness.Good);
            if (i % 10 == 0)
            {
                // subscribe with a good card, then make the declining card the default so renewals fail
                await world.AddCardAsync(customer.Actor, BillingHarness.Good, makeDefault: true);
                await world.ChangeAsync(customer.Actor, TierCode.Pro);
                var methods = (await world.Methods.ListAsync(customer.Actor, CancellationToken.None)).Value;
                Assert.True((await world.Methods.MakeDefaultAsync(customer.Actor, methods.First(m => !m.IsDefault).Id, CancellationToken.None)).IsSuccess);
            }
            else
            {
                await world.ChangeAsync(customer.Actor, i % 3 == 0 ? TierCode.Team : TierCode.Pro, seats: 2);
            }

            customers.Add(customer);
        }

        world.Clock.SetUtcNow(Start.AddMonths(1).AddHours(1));
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = world.Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<BillingRun>().RunAsync(CancellationToken.None);
        })));
        await world.RunAsync(); // whatever a collision left pending is finished by the next run

        var renewals = await world.DbAsync(db => db.Invoices.AsNoTracking().Where(i => i.Purpose == InvoicePurpose.Renewal).ToListAsync());
        Assert.Equal(50, renewals.Count);
        Assert.Equal(50, renewals.Select(i => (i.SubscriptionId, i.PeriodStart)).Distinct().Count());
        BillingHarness.AssertGapless(await world.AllInvoicesAsync());
        var charges = await world.DbAsync(db => db.SandboxCharges.AsNoTracking().ToListAsync());
        var payments = await world.DbAsync(db => db.Payments.AsNoTracking().ToListAsync());
        foreach (var invoice in renewals)
        {
            var keys = payments.Where(p => p.InvoiceId == invoice.Id).Select(p => p.IdempotencyKey).ToHashSet();
            var ofInvoice = charges.Where(c => keys.Contains(c.IdempotencyKey)).ToList();
            if (invoice.Status == InvoiceStatus.Paid)
            {
                Assert.Single(ofInvoice, c => c.Status == "succeeded");
                Assert.Single(ofInvoice);
            }
            else
            {
                Assert.Equal(InvoiceStatus.Open, invoice.Status);
                Assert.Single(ofInvoice); // the first attempt only; the retry is tomorrow
                Assert.Equal(1, invoice.AttemptCount);
            }
        }

        Assert.Equal(45, renewals.Count(i => i.Status == InvoiceStatus.Paid));
        Assert.Equal(charges.Count, charges.Select(c => c.IdempotencyKey).Distinct().Count());
    }

    [Fact]
    public async Task A_run_killed_after_the_processor_charged_is_reconciled_without_a_second_charge()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        world.Clock.SetUtcNow(Start.AddMonths(1).AddHours(1));
        await world.Run.RenewDueAsync(CancellationToken.None); // renewed and finalised, not yet charged
        var invoice = (await world.InvoicesAsync(customer.OrganizationId)).Single(i => i.Purpose == InvoicePurpose.Renewal);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);

        // The dead run had committed its pending payment and the processor had charged the card.
        var token = await world.DbAsync(db => db.PaymentMethods.Select(m => m.ProcessorToken).SingleAsync());
        var key = $"invoice:{invoice.Id:N}:attempt:1";
        await world.DbAsync(async db =>
        {
            db.Payments.Add(new Payment
            {
                Id = Guid.NewGuid(), OrganizationId = customer.OrganizationId, InvoiceId = invoice.Id, Kind = PaymentKind.Charge,
                AmountMinor = invoice.TotalMinor, Status = PaymentStatus.Pending, IdempotencyKey = key, CreatedAt = world.Now,
                PaymentMethodId = await db.PaymentMethods.Select(m => m.Id).SingleAsync(),
            });
            return await db.SaveChangesAsync();
        });
        var charged = await world.Factory.Get<IPaymentProcessor>().ChargeAsync(new ChargeRequest(key, "cus", token, invoice.Total, "x", true), CancellationToken.None);
        Assert.Equal(ChargeStatus.Succeeded, charged.Status);

        await world.RunAsync();
        await world.RunAsync();

        var after = await world.DbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoice.Id));
        Assert.Equal(InvoiceStatus.Paid, after.Status);
        var payments = (await world.PaymentsAsync(customer.OrganizationId)).Where(p => p.InvoiceId == invoice.Id).ToList();
        Assert.Equal(PaymentStatus.Succeeded, Assert.Single(payments).Status);
        Assert.Single(await world.DbAsync(db => db.SandboxCharges.AsNoTracking().Where(c => c.IdempotencyKey == key).ToListAsync()));
        Assert.Equal(2, await world.DbAsync(db => db.SandboxCharges.CountAsync())); // the first period and this renewal
    }

    [Fact]
    public async Task A_run_killed_after_finalising_charges_on_restart_once()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        world.Clock.SetUtcNow(Start.AddMonths(1).AddHours(1));
        await world.Run.RenewDueAsync(CancellationToken.None);
        await world.Run.RenewDueAsync(CancellationToken.None);

        await Task.WhenAll(world.RunAsync(), world.RunAsync());
        await world.RunAsync();

        var invoices = await world.InvoicesAsync(customer.OrganizationId);
        Assert.Equal(2, invoices.Count);
        Assert.All(invoices, i => Assert.Equal(InvoiceStatus.Paid, i.Status));
        Assert.Equal(2, await world.DbAsync(db => db.SandboxCharges.CountAsync()));
        Assert.Equal(2, (await world.PaymentsAsync(customer.OrganizationId)).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_checkout_that_died_mid_way_is_refunded_or_dropped_and_the_plan_stays(bool processorCharged)
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        var token = await world.DbAsync(db => db.PaymentMethods.Select(m => m.ProcessorToken).SingleAsync());

        // The dead checkout: an upgrade draft with a pending payment, and perhaps a charge the processor made.
        var draft = Invoice.Draft(customer.OrganizationId, null, InvoicePurpose.PlanChange, Currency.Usd, null, CollectionMethod.ChargeAutomatically, world.Now, "Pro (monthly) → Team (monthly, 2 seats)");
        draft.AddLine(InvoiceLineKind.RemainingTime, "Remaining time on Team", Money.Usd(6000));
        var key = $"invoice:{draft.Id:N}:attempt:1";
        await world.DbAsync(async db =>
        {
            db.Invoices.Add(draft);
            db.Payments.Add(new Payment
            {
                Id = Guid.NewGuid(), OrganizationId = customer.OrganizationId, InvoiceId = draft.Id, Kind = PaymentKind.Charge, AmountMinor = 6000,
                Status = PaymentStatus.Pending, IdempotencyKey = key, CreatedAt = world.Now, PaymentMethodId = await db.PaymentMethods.Select(m => m.Id).SingleAsync(),
                MethodDescription = "Visa •••• 4242",
            });
            return await db.SaveChangesAsync();
        });
        if (processorCharged)
        {
            await world.Factory.Get<IPaymentProcessor>().ChargeAsync(new ChargeRequest(key, "cus", token, Money.Usd(6000), "x", false), CancellationToken.None);
        }

        world.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await world.Run.ReconcileAbandonedCheckoutsAsync(CancellationToken.None)); // too early: it may still be settling
        world.Clock.Advance(BillingRun.AbandonedAfter);
        Assert.Equal(1, await world.Run.ReconcileAbandonedCheckoutsAsync(CancellationToken.None));
        Assert.Equal(0, await world.Run.ReconcileAbandonedCheckoutsAsync(CancellationToken.None)); // once

        var after = await world.DbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == draft.Id));
        Assert.Equal((InvoiceStatus.Void, (string?)null), (after.Status, after.Number));
        Assert.Equal(TierCode.Pro, (await world.InForceAsync(customer.OrganizationId)).Tier);
        var refunds = await world.DbAsync(db => db.SandboxCharges.AsNoTracking().Where(c => c.RefundOf != null).ToListAsync());
        Assert.Equal(processorCharged ? 1 : 0, refunds.Count);
        Assert.All(refunds, r => Assert.Equal(6000, r.AmountMinor));
        var payments = (await world.PaymentsAsync(customer.OrganizationId)).Where(p => p.InvoiceId == draft.Id).ToList();
        Assert.Equal(processorCharged ? PaymentStatus.Succeeded : PaymentStatus.Failed, payments.Single(p => p.Kind == PaymentKind.Charge).Status);
        Assert.Equal(processorCharged ? 1 : 0, payments.Count(p => p.Kind == PaymentKind.Refund && p.Status == PaymentStatus.Succeeded));
        Assert.Equal(processorCharged ? 1 : 0, (await world.NoticesAsync(customer.OrganizationId, "billing.checkout_refunded")).Count);
        Assert.Equal(0, await world.BalanceAsync(customer.OrganizationId));
    }
}
