using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Compliance;
using ApexAgent.Portal.Features.Billing.Pricing;
using ApexAgent.Portal.Features.Verification;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static ApexAgent.Tests.Portal.Verification.VerificationFiles;

namespace ApexAgent.Tests.Portal.Verification;

/// <summary>Verifications over time on a fake clock: reminders before and at expiry, and the discount stopping when a verification lapses.</summary>
public sealed class VerificationLifecycleTests
{
    [Fact]
    public async Task Reminders_go_30_and_7_days_before_and_at_expiry_once_each()
    {
        await using var harness = new BillingHarness(new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero));
        var (owner, _) = await VerifiedAsync(harness, days: 40);
        var renewed = await harness.Factory.CreateAccountAsync();
        var (_, renewal) = await VerifiedAsync(harness, days: 20, account: renewed);
        var reminders = harness.Factory.Get<VerificationReminders>();

        // The renewed organisation gets a new approval (expiring later) before any reminder is due for it.
        var support = await harness.Factory.CreateAccountAsync(role: PlatformRole.Support);
        harness.Clock.Advance(TimeSpan.FromDays(1));
        var next = (await harness.Factory.Get<VerificationService>().ApplyAsync(renewed.Actor, EducationForm(), [File("a.pdf", VerificationFiles.Pdf())], CancellationToken.None)).Value;
        Assert.True((await harness.Factory.Get<VerificationReviewService>().ApproveAsync(support.Actor, next.Id, harness.Now.AddYears(1), CancellationToken.None)).IsSuccess);

        for (var day = 0; day < 50; day++)
        {
            await reminders.RunAsync(CancellationToken.None);
            await reminders.RunAsync(CancellationToken.None); // a second run the same day sends nothing new
            harness.Clock.Advance(TimeSpan.FromDays(1));
        }

        var keys = await harness.DbAsync(db => db.Notifications.Where(n => n.OrganizationId == owner.OrganizationId && n.Kind.StartsWith("verification.expir"))
            .OrderBy(n => n.CreatedAt).Select(n => new { n.DedupeKey, n.CreatedAt }).ToListAsync());
        Assert.Equal(3, keys.Count);
        Assert.EndsWith("expiring:30:" + owner.UserId, keys[0].DedupeKey);
        Assert.EndsWith("expiring:7:" + owner.UserId, keys[1].DedupeKey);
        Assert.EndsWith("expired:" + owner.UserId, keys[2].DedupeKey);
        var start = new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(start.AddDays(10), keys[0].CreatedAt); // 30 days left
        Assert.Equal(start.AddDays(33), keys[1].CreatedAt); // 7 days left
        Assert.Equal(start.AddDays(40), keys[2].CreatedAt); // the day it ends
        Assert.Equal(3, await harness.DbAsync(db => db.AuditEntries.CountAsync(e => e.OrganizationId == owner.OrganizationId && e.Action == AuditActions.VerificationReminded)));
        Assert.Equal(0, await harness.DbAsync(db => db.Notifications.CountAsync(n => n.OrganizationId == renewed.OrganizationId && n.Kind.StartsWith("verification.expir"))));
        _ = renewal;
    }

    /// <summary>
    /// An education organisation on Pro: verified → its renewal carries the account-type discount; the verification lapses
    /// → the next renewal does not. The discount line comes from the discounts step (merged separately): the
    /// IVerifiedAccounts answers are asserted at each step first, the invoice lines last.
    /// </summary>
    [Fact]
    [Trait("Needs", "account-type discount step")]
    public async Task An_education_discount_applies_while_verified_and_stops_at_the_renewal_after_it_lapses()
    {
        var start = new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.Zero);
        await using var harness = new BillingHarness(start);
        var customer = await harness.CustomerAsync();
        await harness.ChangeAsync(customer.Actor, TierCode.Pro);
        var (_, verification) = await VerifiedAsync(harness, days: 45, account: customer);
        var expiresAt = verification.ExpiresAt!.Value;
        var verified = harness.Factory.Get<IVerifiedAccounts>();
        async Task<AccountType?> VerifiedAt(DateTimeOffset at) =>
            (await harness.DbAsync(db => verified.VerifiedAtAsync(db, [customer.OrganizationId], at, CancellationToken.None))).GetValueOrDefault(customer.OrganizationId)?.Type;

        Assert.Equal(AccountType.Education, await VerifiedAt(harness.Now));
        await harness.AdvanceDaysAsync(32); // first renewal, verified
        Assert.Equal(AccountType.Education, await VerifiedAt(harness.Now));
        await harness.AdvanceDaysAsync(30); // the verification ends on day 45; the second renewal is after it
        Assert.Null(await VerifiedAt(harness.Now));
        Assert.True(harness.Now > expiresAt);

        var renewals = (await harness.InvoicesAsync(customer.OrganizationId)).Where(i => i.Purpose == InvoicePurpose.Renewal).OrderBy(i => i.PeriodStart).ToList();
        Assert.Equal(2, renewals.Count);
        Assert.True(renewals[0].PeriodStart < expiresAt && renewals[1].PeriodStart >= expiresAt);
        Assert.Equal(AccountType.Education, await VerifiedAt(renewals[0].PeriodStart!.Value));
        Assert.Null(await VerifiedAt(renewals[1].PeriodStart!.Value));

        // Needs the discounts helper's account-type step (merged separately): 50% off Pro while verified, nothing after.
        var discount = Assert.Single(renewals[0].Lines, l => l.Kind == InvoiceLineKind.AccountTypeDiscount);
        var plan = renewals[0].Lines.Where(l => l.Kind == InvoiceLineKind.Plan).Sum(l => l.AmountMinor);
        Assert.Equal(-(plan / 2), discount.AmountMinor);
        Assert.DoesNotContain(renewals[1].Lines, l => l.Kind == InvoiceLineKind.AccountTypeDiscount);
    }

    private static async Task<(TestAccount Owner, VerificationApplication Verification)> VerifiedAsync(BillingHarness harness, int days, TestAccount? account = null)
    {
        var owner = account ?? await harness.Factory.CreateAccountAsync();
        var support = await harness.Factory.CreateAccountAsync(role: PlatformRole.Support);
        var applied = await harness.Factory.Get<VerificationService>().ApplyAsync(owner.Actor, EducationForm(), [File("accreditation.pdf", VerificationFiles.Pdf())], CancellationToken.None);
        Assert.True(applied.IsSuccess, applied.Error?.Message);
        var approved = await harness.Factory.Get<VerificationReviewService>().ApproveAsync(support.Actor, applied.Value.Id, harness.Now.AddDays(days), CancellationToken.None);
        Assert.True(approved.IsSuccess, approved.Error?.Message);
        return (owner, approved.Value);
    }
}
