using System.Globalization;
using ApexAgent.Domain.Billing.Revenue;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Scenarios;

/// <summary>
/// The days written into billing's sentences (quotes, notices, timeline notes, the scheduled change) are the days in
/// the organisation's time zone, in which its invoices are dated: a renewal late in the UTC evening is the next
/// morning in Auckland.
/// </summary>
public sealed class BillingDatesTests
{
    // 20:00 UTC is 09:00 the next day in Auckland (UTC+13 until Apr 4, 2027, UTC+12 after).
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 20, 0, 0, TimeSpan.Zero);
    private const string Auckland = "Pacific/Auckland";

    [Fact]
    public void A_day_is_the_local_day_in_invariant_culture_and_unknown_zones_are_UTC()
    {
        var renewal = new DateTimeOffset(2027, 3, 31, 20, 0, 0, TimeSpan.Zero);
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("Apr 1, 2027", BillingDates.Day(renewal, BillingDates.For(Auckland)));
            Assert.Equal("Mar 31, 2027", BillingDates.Day(renewal, BillingDates.For("UTC")));
            Assert.Equal("Mar 31, 2027", BillingDates.Day(renewal, BillingDates.For("America/New_York")));
            Assert.Equal("Mar 31, 2027", BillingDates.Day(renewal, BillingDates.For("Mars/Olympus_Mons")));
            Assert.Equal("Mar 31, 2027", BillingDates.Day(renewal, BillingDates.For("")));
            Assert.Same(BillingDates.For(Auckland), BillingDates.For(Auckland));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public async Task Quotes_notes_the_scheduled_change_and_notices_give_the_organisations_local_day()
    {
        await using var world = new BillingHarness(Start);
        var local = await world.CustomerAsync();
        var utc = await world.CustomerAsync();
        await world.DbAsync(db => db.Organizations.Where(o => o.Id == local.OrganizationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.TimeZone, Auckland)));
        await world.ChangeAsync(local.Actor, TierCode.Team, seats: 2);
        await world.ChangeAsync(utc.Actor, TierCode.Team, seats: 2);
        Assert.Equal(new DateTimeOffset(2027, 4, 1, 20, 0, 0, TimeSpan.Zero), (await world.InForceAsync(local.OrganizationId)).CurrentPeriodEnd);

        // The cancellation quote and the cancellation note.
        var cancelQuote = await world.Plans.PreviewAsync(local.Actor, new PlanChangeRequest(TierCode.Free, BillingCycle.Monthly), CancellationToken.None);
        Assert.Equal("Your plan stays until Apr 2, 2027, then moves to Free. Nothing is charged.", cancelQuote.Value.Summary);
        var utcCancelQuote = await world.Plans.PreviewAsync(utc.Actor, new PlanChangeRequest(TierCode.Free, BillingCycle.Monthly), CancellationToken.None);
        Assert.Equal("Your plan stays until Apr 1, 2027, then moves to Free. Nothing is charged.", utcCancelQuote.Value.Summary);
        var canceled = await world.Plans.CancelAsync(local.Actor, CancellationToken.None);
        Assert.Equal("Ends on Apr 2, 2027", canceled.Value.Note);
        Assert.Contains(await BodiesAsync(world, local.OrganizationId, "billing.changed"), b => b.Contains("Ends on Apr 2, 2027", StringComparison.Ordinal));
        Assert.True((await world.Plans.ResumeAsync(local.Actor, CancellationToken.None)).IsSuccess);

        // A downgrade scheduled for the period end: its quote and the overview's scheduled change.
        var downgrade = new PlanChangeRequest(TierCode.Pro, BillingCycle.Monthly);
        Assert.Equal("Pro (monthly) starts on Apr 2, 2027 at $20.00 per period. Nothing is charged now.", (await world.Plans.PreviewAsync(local.Actor, downgrade, CancellationToken.None)).Value.Summary);
        Assert.True((await world.Plans.ConfirmAsync(local.Actor, downgrade, CancellationToken.None)).IsSuccess);
        Assert.True((await world.Plans.ConfirmAsync(utc.Actor, downgrade, CancellationToken.None)).IsSuccess);
        var overviews = world.Factory.Get<BillingOverviewService>();
        Assert.Equal("Moves to Pro (monthly) on Apr 2, 2027", (await overviews.GetAsync(local.Actor, 5, CancellationToken.None)).Value.ScheduledChange);
        Assert.Equal("Moves to Pro (monthly) on Apr 1, 2027", (await overviews.GetAsync(utc.Actor, 5, CancellationToken.None)).Value.ScheduledChange);
        Assert.True((await world.Plans.ResumeAsync(local.Actor, CancellationToken.None)).IsSuccess);
        Assert.True((await world.Plans.ResumeAsync(utc.Actor, CancellationToken.None)).IsSuccess);

        // The renewal reminder, three days ahead (one batch for both organisations).
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 30, 0, 0, 0, TimeSpan.Zero));
        await world.RunAsync();
        Assert.Equal(["Team (monthly, 2 seats) renews on Apr 2, 2027 for $80.00 (before any account balance)."], await BodiesAsync(world, local.OrganizationId, "billing.renewal_upcoming"));
        Assert.Equal(["Team (monthly, 2 seats) renews on Apr 1, 2027 for $80.00 (before any account balance)."], await BodiesAsync(world, utc.OrganizationId, "billing.renewal_upcoming"));

        // The renewal is declined: its note and the retry date.
        await world.AddCardAsync(local.Actor, BillingHarness.InsufficientFunds, makeDefault: true);
        await world.AddCardAsync(utc.Actor, BillingHarness.InsufficientFunds, makeDefault: true);
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 1, 20, 0, 0, TimeSpan.Zero));
        await world.RunAsync();
        var renewed = await world.DbAsync(db => db.SubscriptionEvents.AsNoTracking()
            .Where(e => e.OrganizationId == local.OrganizationId && e.Kind == SubscriptionChangeKind.Renewed).Select(e => e.Note).SingleAsync());
        Assert.Equal("Renewed until May 2, 2027", renewed);
        Assert.Contains("We will try again on Apr 3, 2027.", Assert.Single(await BodiesAsync(world, local.OrganizationId, "billing.payment_failed")), StringComparison.Ordinal);
        Assert.Contains("We will try again on Apr 2, 2027.", Assert.Single(await BodiesAsync(world, utc.OrganizationId, "billing.payment_failed")), StringComparison.Ordinal);
    }

    private static Task<List<string>> BodiesAsync(BillingHarness world, Guid organizationId, string kind) =>
        world.DbAsync(db => db.Notifications.AsNoTracking().Where(n => n.OrganizationId == organizationId && n.Kind == kind)
            .Select(n => n.Body).Distinct().ToListAsync());
}
