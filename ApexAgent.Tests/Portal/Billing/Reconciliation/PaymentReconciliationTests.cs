using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Reconciliation;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Billing.Reconciliation;

/// <summary>The daily comparison of our payments with the processor's records (ADR 0020), against the sandbox's own ledger.</summary>
public sealed class PaymentReconciliationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 3, 2);

    private static PaymentReconciliation Reconciliation(BillingHarness world) => world.Factory.Get<PaymentReconciliation>();

    [Fact]
    public async Task A_clean_day_finds_nothing_and_says_so()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro);
        await world.ChangeAsync(customer.Actor, TierCode.Team, seats: 2); // an upgrade charged the same day
        world.Clock.Advance(TimeSpan.FromDays(1));

        var run = await Reconciliation(world).RunYesterdayAsync(CancellationToken.None);

        Assert.NotNull(run);
        var charges = await world.DbAsync(db => db.SandboxCharges.CountAsync());
        Assert.True(charges >= 2);
        Assert.Equal((Day, charges, 0, (string?)null), (run.Day, run.Compared, run.Mismatches, run.Failures));
        Assert.Null(await Reconciliation(world).RunYesterdayAsync(CancellationToken.None)); // once a day
        var staff = await world.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var view = (await Reconciliation(world).ViewAsync(staff.Actor, new ReconciliationFilter(Day), CancellationToken.None)).Value;
        Assert.Empty(view.Mismatches);
        Assert.Equal((0, 0), view.Days.Single(d => d.Day == Day) is var d ? (d.Mismatches, d.Open) : default);
        Assert.NotNull(view.Days.Single(d => d.Day == Day).LatestRun);
    }

    [Fact]
    public async Task Each_kind_of_disagreement_is_found_once_and_a_later_run_resolves_what_was_fixed()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.ChangeAsync(customer.Actor, TierCode.Pro); // one payment that agrees
        var org = customer.OrganizationId;
        var token = await world.DbAsync(db => db.PaymentMethods.Select(m => m.ProcessorToken).SingleAsync());
        var at = world.Now.AddHours(2);

        var orphan = Charge("orphan", 4100, "succeeded", at);                 // the processor charged; we have nothing
        var ghost = Ours(org, "ghost", 2500, PaymentStatus.Succeeded, "sbx_ch_ghost", at); // we think we were paid; they never saw it
        var (amountOurs, amountTheirs) = (Ours(org, "amount", 1000, PaymentStatus.Succeeded, "sbx_ch_amount", at), Charge("amount", 1200, "succeeded", at, "sbx_ch_amount"));
        var (statusOurs, statusTheirs) = (Ours(org, "status", 3000, PaymentStatus.Failed, "sbx_ch_status", at), Charge("status", 3000, "succeeded", at, "sbx_ch_status"));
        var (refundOurs, refundTheirs) = (Ours(org, "refund", 500, PaymentStatus.Succeeded, "sbx_ch_refund", at), Charge("refund", 500, "succeeded", at, "sbx_ch_refund"));
        var refunded = Charge("refund:r1", 200, "succeeded", at, "sbx_re_refund", refundOf: "sbx_ch_refund");
        var tomorrow = Charge("tomorrow", 999, "succeeded", at.AddDays(1)); // another day's: not today's business
        await world.DbAsync(async db =>
        {
            foreach (var payment in new[] { ghost, amountOurs, statusOurs, refundOurs })
            {
                var invoice = Invoice.Draft(org, null, InvoicePurpose.PlanChange, Currency.Usd, null, CollectionMethod.ChargeAutomatically, at, payment.IdempotencyKey);
                db.Invoices.Add(invoice);
                payment.InvoiceId = invoice.Id;
                payment.MethodDescription = "Visa •••• 4242";
            }

            db.Payments.AddRange(ghost, amountOurs, statusOurs, refundOurs);
            foreach (var charge in new[] { orphan, amountTheirs, statusTheirs, refundTheirs, refunded, tomorrow })
            {
                charge.MethodToken = token;
            }

            db.SandboxCharges.AddRange(orphan, amountTheirs, statusTheirs, refundTheirs, refunded, tomorrow);
            return await db.SaveChangesAsync();
        });

        var run = await Reconciliation(world).RunAsync(Day, "test", CancellationToken.None);

        var found = await world.DbAsync(db => db.ReconciliationMismatches.AsNoTracking().Where(m => m.RunId == run.Id).ToListAsync());
        Assert.Equal(5, run.Mismatches);
        Assert.Equal(
            new[] { ReconciliationMismatchKind.MissingOnOurSide, ReconciliationMismatchKind.MissingAtProcessor, ReconciliationMismatchKind.AmountDiffers, ReconciliationMismatchKind.StatusDiffers, ReconciliationMismatchKind.RefundDiffers },
            found.Select(m => m.Kind).Order());
        Assert.Equal(orphan.Id, found.Single(m => m.Kind == ReconciliationMismatchKind.MissingOnOurSide).ProcessorPaymentId);
        Assert.Equal(ghost.Id, found.Single(m => m.Kind == ReconciliationMismatchKind.MissingAtProcessor).PaymentId);
        Assert.Equal((1000L, 1200L), found.Single(m => m.Kind == ReconciliationMismatchKind.AmountDiffers) is var a ? (a.OurAmountMinor, a.TheirAmountMinor) : default);
        Assert.Equal(statusOurs.Id, found.Single(m => m.Kind == ReconciliationMismatchKind.StatusDiffers).PaymentId);
        Assert.Equal(200L, found.Single(m => m.Kind == ReconciliationMismatchKind.RefundDiffers).TheirAmountMinor);
        Assert.All(found, m => Assert.Equal((Day, "sandbox", (DateTimeOffset?)null), (m.Day, m.Processor, m.ResolvedAt)));

        // Again: nothing new. Then the orphan is explained (our side recorded it) and the next run resolves it by itself.
        Assert.Equal(0, (await Reconciliation(world).RunAsync(Day, "test", CancellationToken.None)).Mismatches);
        await world.DbAsync(async db =>
        {
            var invoice = Invoice.Draft(org, null, InvoicePurpose.PlanChange, Currency.Usd, null, CollectionMethod.ChargeAutomatically, at, "orphan");
            db.Invoices.Add(invoice);
            db.Payments.Add(Ours(org, "orphan", 4100, PaymentStatus.Succeeded, orphan.Id, at, invoice.Id));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(0, (await Reconciliation(world).RunAsync(Day, "test", CancellationToken.None)).Mismatches);
        var open = await world.DbAsync(db => db.ReconciliationMismatches.AsNoTracking().Where(m => m.Day == Day).ToListAsync());
        Assert.Equal(5, open.Count);
        var cleared = open.Single(m => m.Kind == ReconciliationMismatchKind.MissingOnOurSide);
        Assert.Equal((PaymentReconciliation.ResolvedByReconciliation, true), (cleared.ResolvedBy, cleared.ResolvedAt is not null));
        Assert.Equal(4, open.Count(m => m.ResolvedAt is null));
    }

    [Fact]
    public async Task Staff_resolve_a_mismatch_with_a_note_which_is_audited_and_others_are_refused()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        await world.DbAsync(async db =>
        {
            db.SandboxCharges.Add(Charge("stray", 700, "succeeded", Start.AddHours(1)));
            return await db.SaveChangesAsync();
        });
        await Reconciliation(world).RunAsync(Day, "test", CancellationToken.None);
        var mismatch = await world.DbAsync(db => db.ReconciliationMismatches.AsNoTracking().SingleAsync());
        var staff = await world.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin, email: "ops@apexagent.dev");

        var refused = await Reconciliation(world).ResolveAsync(customer.Actor, mismatch.Id, "Looks fine to me", CancellationToken.None);
        Assert.Equal(ErrorKind.Forbidden, refused.Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Reconciliation(world).ViewAsync(customer.Actor, new ReconciliationFilter(), CancellationToken.None)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Reconciliation(world).RunByHandAsync(customer.Actor, Day, CancellationToken.None)).Error!.Kind);
        foreach (var bad in new[] { null, "", "  ", "ok", new string('x', 1001) })
        {
            Assert.Equal(ErrorKind.Validation, (await Reconciliation(world).ResolveAsync(staff.Actor, mismatch.Id, bad, CancellationToken.None)).Error!.Kind);
        }

        Assert.Equal(ErrorKind.NotFound, (await Reconciliation(world).ResolveAsync(staff.Actor, Guid.NewGuid(), "Refunded at the processor", CancellationToken.None)).Error!.Kind);
        Assert.Equal(ErrorKind.Validation, (await Reconciliation(world).RunByHandAsync(staff.Actor, Day.AddDays(5), CancellationToken.None)).Error!.Kind);
        Assert.Null((await world.DbAsync(db => db.ReconciliationMismatches.AsNoTracking().SingleAsync())).ResolvedAt);

        var resolved = await Reconciliation(world).ResolveAsync(staff.Actor, mismatch.Id, "  Test charge made by hand in the dashboard; refunded there.  ", CancellationToken.None);

        Assert.True(resolved.IsSuccess);
        var stored = await world.DbAsync(db => db.ReconciliationMismatches.AsNoTracking().SingleAsync());
        Assert.Equal(("ops@apexagent.dev", "Test charge made by hand in the dashboard; refunded there.", world.Now), (stored.ResolvedBy, stored.ResolutionNote, stored.ResolvedAt));
        Assert.Equal("already_resolved", (await Reconciliation(world).ResolveAsync(staff.Actor, mismatch.Id, "Again", CancellationToken.None)).Error!.Code);
        var audit = await world.DbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.ReconciliationMismatchResolved).ToListAsync());
        Assert.Contains("refunded there", Assert.Single(audit).After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_processor_that_cannot_be_asked_is_reported_and_the_scheduled_run_tries_again()
    {
        await using var world = new BillingHarness(Start.AddDays(1), services =>
        {
            services.AddSingleton<Scenarios.Payments.FlakyPaymentProcessor>();
            services.AddSingleton<ApexAgent.Portal.Features.Billing.Payments.IPaymentProcessor>(sp => sp.GetRequiredService<Scenarios.Payments.FlakyPaymentProcessor>());
        });
        var flaky = world.Factory.Get<Scenarios.Payments.FlakyPaymentProcessor>();
        flaky.LookupsDown = true;

        var failed = await Reconciliation(world).RunYesterdayAsync(CancellationToken.None);
        Assert.Contains("sandbox", failed!.Failures, StringComparison.Ordinal);

        flaky.LookupsDown = false;
        var retried = await Reconciliation(world).RunYesterdayAsync(CancellationToken.None);
        Assert.NotNull(retried);
        Assert.Null(retried.Failures);
    }

    [Fact]
    public async Task Only_billing_staff_open_the_reconciliation_page()
    {
        await using var world = new BillingHarness(Start);
        var customer = await world.CustomerAsync();
        var support = await world.Factory.CreateAccountAsync(role: PlatformRole.Support);
        var staff = await world.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);

        foreach (var refused in new[] { customer, support })
        {
            using var client = await world.Factory.SignedInClientAsync(refused.UserId);
            var response = await client.GetAsync("/admin/billing/reconciliation");
            Assert.NotEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("Runs per day", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var allowed = await world.Factory.SignedInClientAsync(staff.UserId);
        var page = await allowed.GetAsync("/admin/billing/reconciliation");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Payment reconciliation", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static SandboxCharge Charge(string key, long minor, string status, DateTimeOffset at, string? id = null, string? refundOf = null) => new()
    {
        Id = id ?? $"sbx_ch_{Guid.NewGuid():N}", IdempotencyKey = key, AmountMinor = minor, CurrencyCode = "USD", Status = status, CreatedAt = at, RefundOf = refundOf,
        FailureCode = status == "succeeded" ? null : "card_declined",
    };

    private static Payment Ours(Guid org, string key, long minor, PaymentStatus status, string? processorId, DateTimeOffset at, Guid invoiceId = default) => new()
    {
        Id = Guid.NewGuid(), OrganizationId = org, InvoiceId = invoiceId, Kind = PaymentKind.Charge, AmountMinor = minor, CurrencyCode = "USD", Status = status,
        Processor = "sandbox", IdempotencyKey = key, ProcessorPaymentId = processorId, CreatedAt = at, CompletedAt = at,
    };
}
