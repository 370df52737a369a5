using System.Text.RegularExpressions;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Components.Shared;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Subscriptions;
using ApexAgent.Portal.Features.TestClock;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>
/// A subscription over its life, as the owner clicks through it: cancelling at the period end and resuming, a
/// downgrade scheduled for the period end, and a renewal that keeps failing until the subscription is past due and a
/// working card brings it back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BillingLifecycleJourneyTests(BrowserFixture browser)
{
    private const string GoodCard = "4242 4242 4242 4242";

    [Fact]
    public async Task An_owner_cancels_at_the_period_end_sees_when_it_ends_and_resumes()
    {
        var owner = await browser.Portal.CreateAccountAsync();
        await BillingJourneyTests.SubscribeAsync(browser.Portal, owner, GoodCard, TierCode.Pro);
        var ends = PortalFormat.Date(await PeriodEndAsync(browser.Portal, owner.OrganizationId), "UTC");
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);

        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await Expect(page.Locator("#scheduled-banner")).ToHaveCountAsync(0);
        await Expect(page.Locator("#next-renewal")).ToContainTextAsync($"Renews on {ends} for $20.00");
        await page.Locator("#cancel-subscription").ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Expect(confirm).ToContainTextAsync("Cancel Pro (monthly)?");
        await Expect(confirm).ToContainTextAsync($"Your plan stays until {ends}, then the organisation moves to Free.");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel at period end" }).ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Pro (monthly) ends on {ends}.");
        var banner = page.Locator("#scheduled-banner");
        await Expect(banner).ToContainTextAsync($"Pro (monthly) ends on {ends}, then the organisation moves to Free.");
        await Expect(page.Locator("#next-renewal")).ToHaveTextAsync("Does not renew.");
        await Expect(page.Locator("#cancel-subscription")).ToHaveCountAsync(0);
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("Pro (monthly)");
        await Expect(page.Locator(".timeline-row").First).ToContainTextAsync("Cancellation scheduled");
        await BrowserFixture.ScreenshotAsync(page, "billing-canceling");

        await banner.Locator("#resume-subscription").ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("Pro (monthly) renews as before.");
        await Expect(page.Locator("#scheduled-banner")).ToHaveCountAsync(0);
        await Expect(page.Locator("#next-renewal")).ToContainTextAsync($"Renews on {ends} for $20.00");
        await Expect(page.Locator("#cancel-subscription")).ToBeVisibleAsync();
        await Expect(page.Locator(".timeline-row").First).ToContainTextAsync("Resumed");

        // After a reload the plan simply renews: the cancellation is gone for good.
        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await Expect(page.Locator("#scheduled-banner")).ToHaveCountAsync(0);
        var subscription = await InForceAsync(browser.Portal, owner.OrganizationId);
        Assert.False(subscription.CancelAtPeriodEnd);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_owner_schedules_a_downgrade_from_Team_to_Pro_for_the_period_end()
    {
        var owner = await browser.Portal.CreateAccountAsync();
        await BillingJourneyTests.SubscribeAsync(browser.Portal, owner, GoodCard, TierCode.Team, seats: 2);
        var periodEnd = await PeriodEndAsync(browser.Portal, owner.OrganizationId);
        var ends = PortalFormat.Date(periodEnd, "UTC");
        var day = BillingDates.Day(periodEnd, TimeZoneInfo.Utc);
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);

        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("Team (monthly, 2 seats)");
        await page.Locator("#change-plan").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("[data-tier='Team']")).ToHaveAttributeAsync("aria-checked", "true");
        await dialog.Locator("[data-tier='Pro']").ClickAsync();
        await Expect(dialog.Locator("#preview-target")).ToHaveTextAsync("Pro (monthly)");
        await Expect(dialog.Locator(".preview-line")).ToHaveCountAsync(0);
        await Expect(dialog.Locator("#preview-charged")).ToHaveTextAsync("$0.00");
        await Expect(dialog.Locator("#preview-effective")).ToHaveTextAsync(ends);
        await Expect(dialog.Locator("#preview-renewal")).ToHaveTextAsync($"$20.00 on {ends}");
        await Expect(dialog.Locator("#preview-summary")).ToHaveTextAsync($"Pro (monthly) starts on {day} at $20.00 per period. Nothing is charged now.");
        await Expect(dialog.Locator("#apply-now")).ToBeVisibleAsync();
        await Expect(dialog.Locator("#confirm-plan-change")).ToHaveTextAsync("Schedule change");
        await page.WaitForTimeoutAsync(400); // the dialog fades in
        await BrowserFixture.ScreenshotAsync(page, "change-plan-downgrade");
        await dialog.Locator("#confirm-plan-change").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Pro (monthly) starts on {day}");
        await Expect(page.Locator("#scheduled-banner")).ToContainTextAsync($"Moves to Pro (monthly) on {day}.");
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("Team (monthly, 2 seats)");
        await Expect(page.Locator("#next-renewal")).ToContainTextAsync($"Renews on {ends} for $20.00");
        await Expect(page.Locator("#amount-due")).ToHaveTextAsync("$0.00");
        await Expect(page.Locator(".timeline-row").First).ToContainTextAsync("Change scheduled");
        await BrowserFixture.ScreenshotAsync(page, "billing-scheduled-downgrade");

        // Still there after a reload; nothing was charged for it.
        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await Expect(page.Locator("#scheduled-banner")).ToContainTextAsync($"Moves to Pro (monthly) on {day}.");
        var subscription = await InForceAsync(browser.Portal, owner.OrganizationId);
        Assert.Equal((TierCode.Team, TierCode.Pro), (subscription.Tier, subscription.ScheduledTier));
        Assert.Equal(1, await browser.Portal.WithDbAsync(db => db.Invoices.CountAsync(i => i.OrganizationId == owner.OrganizationId)));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_renewal_declined_until_past_due_recovers_when_a_working_card_becomes_the_default()
    {
        // Its own portal: moving the clock would move it under the other journeys too.
        await using var portal = new PortalFactory(kestrel: true);
        var owner = await portal.CreateAccountAsync();
        await BillingJourneyTests.SubscribeAsync(portal, owner, GoodCard, TierCode.Pro);
        var declining = SandboxCardVault.Tokenise("4000000000000002", 12, DateTime.UtcNow.Year + 3, "123", portal.Get<TimeProvider>().GetUtcNow());
        Assert.True((await portal.Get<PaymentMethodService>().AddAsync(owner.Actor, declining.Value.Token, true, CancellationToken.None)).IsSuccess);

        // Past the renewal (declined) and its four retries (1, 3, 5 and 7 days later), short of the fallback to Free.
        var staff = await portal.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        Result<TestClockResult> moved;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            moved = await scope.ServiceProvider.GetRequiredService<TestClockService>().AdvanceAsync(staff.Actor, new TestClockAdvance(Days: 40), CancellationToken.None);
        }

        Assert.True(moved.IsSuccess, moved.IsSuccess ? "" : moved.Error.Message);
        Assert.Equal(1, moved.Value.Billing.Renewed);
        Assert.Equal(0, moved.Value.Billing.FellBackToFree);
        Assert.Equal(SubscriptionStatus.PastDue, (await InForceAsync(portal, owner.OrganizationId)).Status);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.RootUrl, ViewportSize = new() { Width = 1366, Height = 900 }, Locale = "en-US", TimezoneId = "UTC" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);

        await PortalPages.GotoInteractiveAsync(page, "/billing");
        var banner = page.Locator("#past-due-banner");
        await Expect(banner).ToContainTextAsync("A payment failed and $20.00 is overdue. Pay now or update your payment method to keep Pro (monthly)");
        await Expect(banner.Locator("#pay-now")).ToContainTextAsync("Pay $20.00 now");
        await Expect(page.Locator("#subscription-status")).ToHaveTextAsync("Past due");
        await Expect(page.Locator("#amount-due")).ToHaveTextAsync("$20.00");
        await Expect(page.Locator("#default-payment-method")).ToHaveTextAsync("Visa •••• 0002");
        await Expect(page.Locator(".timeline-row").First).ToContainTextAsync("Past due");
        await BrowserFixture.ScreenshotAsync(page, "billing-past-due");

        await banner.Locator("#update-payment-method").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/billing/payment-methods$"));
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator(".payment-method-row[data-last4='0002']")).ToContainTextAsync("Default");
        await page.Locator("#open-add-card").ClickAsync();
        await BillingJourneyTests.FillCardAsync(page, GoodCard);
        await Expect(page.Locator("#card-default")).ToBeCheckedAsync();
        await page.Locator("#add-card").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("is saved as the default payment method");
        await Expect(page.Locator(".payment-method-row").Filter(new() { HasTextRegex = new Regex("Default") })).ToHaveAttributeAsync("data-last4", "4242");
        await Expect(page.Locator(".payment-method-row[data-last4='0002']")).Not.ToContainTextAsync("Default");

        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await Expect(page.Locator("#past-due-banner")).ToHaveCountAsync(0);
        await Expect(page.Locator("#subscription-status")).ToHaveTextAsync("Active");
        await Expect(page.Locator("#amount-due")).ToHaveTextAsync("$0.00");
        await Expect(page.Locator("#default-payment-method")).ToHaveTextAsync("Visa •••• 4242");
        await Expect(page.Locator(".timeline-row").First).ToContainTextAsync("Recovered");
        await BrowserFixture.ScreenshotAsync(page, "billing-recovered");

        await PortalPages.GotoInteractiveAsync(page, "/billing/invoices");
        var invoices = page.Locator("tr.invoice-row");
        await Expect(invoices).ToHaveCountAsync(2);
        await Expect(invoices.Filter(new() { HasText = "Paid" })).ToHaveCountAsync(2);
        var renewal = await portal.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrganizationId == owner.OrganizationId && i.Purpose == InvoicePurpose.Renewal));
        Assert.Equal((InvoiceStatus.Paid, 5), (renewal.Status, renewal.AttemptCount)); // five declines: the renewal and four retries
        await context.CloseAsync();
    }

    private static async Task<DateTimeOffset> PeriodEndAsync(PortalFactory portal, Guid organizationId) =>
        (await InForceAsync(portal, organizationId)).CurrentPeriodEnd;

    private static Task<Subscription> InForceAsync(PortalFactory portal, Guid organizationId) =>
        portal.WithDbAsync(db => db.Subscriptions.AsNoTracking().InForce().SingleAsync(s => s.OrganizationId == organizationId));
}
