using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Discounts;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Discounts;
using ApexAgent.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>The billing page shows the discount code on the plan and how long it lasts, and stops showing it once it has ended.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SubscriptionDiscountJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_billing_page_shows_the_active_code_and_its_end_and_drops_it_after_the_last_discounted_month()
    {
        // Its own portal on a fake clock (starting now, so sign-in cookies are valid): moving it would move the other journeys.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = new PortalFactory(kestrel: true, clock: clock, settings: new Dictionary<string, string?> { ["Billing:ScheduleRuns"] = "false" });
        var staff = await portal.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var code = "SPRING" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        Assert.True((await portal.Get<DiscountCodeService>().CreateAsync(staff.Actor,
            new DiscountCodeTerms(code, DiscountKind.Percent, 25, null, null, null, DiscountDuration.Repeating, 2, null, null, null, [], [], false, true), CancellationToken.None)).IsSuccess);
        var owner = await portal.CreateAccountAsync();
        await BillingJourneyTests.SubscribeAsync(portal, owner, "4242424242424242", TierCode.Free);
        var changed = await portal.Get<PlanChangeService>().ConfirmAsync(owner.Actor, new PlanChangeRequest(TierCode.Pro, BillingCycle.Monthly, 1, false, code.ToLowerInvariant()), CancellationToken.None);
        Assert.True(changed.IsSuccess, changed.IsSuccess ? "" : changed.Error.Message);
        var subscription = await portal.WithDbAsync(db => Task.FromResult(db.Subscriptions.Single(s => s.OrganizationId == owner.OrganizationId && s.Tier == TierCode.Pro)));
        var until = BillingPeriod.Containing(subscription.BillingAnchor, BillingCycle.Monthly, subscription.CurrentPeriodEnd).End;

        var page = await PageAsync(portal, 1366);
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/billing");
        var note = page.Locator("#active-discount");
        await Expect(note).ToHaveTextAsync($"Code {code} · 25% off · 1 more month (until {until.UtcDateTime:MMM d, yyyy})");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/shots/gaps/billing-active-discount.png", FullPage = true });
        await BrowserFixture.ScreenshotAsync(page, "billing-active-discount");
        await page.SetViewportSizeAsync(390, 844);
        await Expect(note).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/shots/gaps/billing-active-discount-390.png", FullPage = true });
        await BrowserFixture.ScreenshotAsync(page, "billing-active-discount-390");
        await page.Context.CloseAsync();

        // The first renewal is the last discounted month; the one after is full price and the code is gone.
        var run = portal.Get<BillingRun>();
        for (var day = 0; day < 65; day++)
        {
            clock.Advance(TimeSpan.FromDays(1));
            await run.RunAsync(CancellationToken.None);
            if (clock.GetUtcNow() >= subscription.CurrentPeriodEnd && clock.GetUtcNow() < subscription.CurrentPeriodEnd.AddDays(1))
            {
                page = await PageAsync(portal, 1366);
                await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);
                await PortalPages.GotoInteractiveAsync(page, "/billing");
                await Expect(page.Locator("#active-discount")).ToHaveTextAsync($"Code {code} · 25% off · until {until.UtcDateTime:MMM d, yyyy}");
                await page.Context.CloseAsync();
            }
        }

        page = await PageAsync(portal, 1366);
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/billing");
        await Expect(page.Locator("#current-plan")).ToHaveTextAsync("Pro (monthly)");
        await Expect(page.Locator("#active-discount")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> PageAsync(PortalFactory portal, int width)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.RootUrl, ViewportSize = new() { Width = width, Height = 900 }, Locale = "en-US", TimezoneId = "UTC" });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }
}
