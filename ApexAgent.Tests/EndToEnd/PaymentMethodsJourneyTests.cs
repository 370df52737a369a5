using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Reconciliation;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>Managing payment methods (expiry and decline flags, default, removal) and the staff reconciliation page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PaymentMethodsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_owner_adds_a_card_sees_the_flags_changes_the_default_and_removes_a_card_after_confirming()
    {
        var owner = await browser.Portal.CreateAccountAsync();
        var page = await SignInAsync(owner.Email);
        await PortalPages.GotoInteractiveAsync(page, "/billing/payment-methods");
        await Expect(page.GetByText("No payment methods yet")).ToBeVisibleAsync();
        await Expect(page.Locator("#other-ways-to-pay")).ToBeVisibleAsync();

        await page.Locator("#open-add-card").ClickAsync();
        await BillingJourneyTests.FillCardAsync(page, "4242 4242 4242 4242");
        await page.Locator("#add-card").ClickAsync();
        await Expect(page.Locator(".payment-method-row[data-last4='4242'] .chip-default")).ToBeVisibleAsync();

        // Seeded beside it: a card expiring this month, an expired one and one the bank declined.
        var now = browser.Portal.Get<TimeProvider>().GetUtcNow();
        await browser.Portal.WithDbAsync(async db =>
        {
            db.PaymentMethods.AddRange(
                Card(owner.OrganizationId, "1111", now.Month, now.Year, now.AddMinutes(1)),
                Card(owner.OrganizationId, "2222", 1, now.Year - 1, now.AddMinutes(2)),
                Card(owner.OrganizationId, "0002", 12, now.Year + 3, now.AddMinutes(3), declined: now));
            return await db.SaveChangesAsync();
        });
        await page.ReloadAsync();
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator(".payment-method-row")).ToHaveCountAsync(4);
        await Expect(page.Locator(".payment-method-row[data-last4='1111'] .chip-expires-soon")).ToBeVisibleAsync();
        await Expect(page.Locator(".payment-method-row[data-last4='2222'] .chip-expired")).ToBeVisibleAsync();
        await Expect(page.Locator(".payment-method-row[data-last4='0002'] .chip-declined")).ToBeVisibleAsync();
        await Expect(page.Locator(".payment-method-row[data-last4='4242'] .chip-expired, .payment-method-row[data-last4='4242'] .chip-declined")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "payment-methods-flags");

        await page.Locator(".payment-method-row[data-last4='1111'] .set-default").ClickAsync();
        await Expect(page.Locator(".payment-method-row[data-last4='1111']")).ToHaveAttributeAsync("data-default", "true");
        await Expect(page.Locator(".payment-method-row[data-last4='4242']")).ToHaveAttributeAsync("data-default", "false");

        // Removing the default says which card takes over; "Keep it" changes nothing.
        await page.Locator(".payment-method-row[data-last4='1111'] .remove-method").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("It is the default: Visa •••• 0002 becomes the default");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Expect(page.Locator(".payment-method-row")).ToHaveCountAsync(4);
        await page.Locator(".payment-method-row[data-last4='2222'] .remove-method").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Your default method does not change");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(page.Locator(".payment-method-row")).ToHaveCountAsync(3);
        await Expect(page.Locator(".payment-method-row[data-last4='2222']")).ToHaveCountAsync(0);

        await page.SetViewportSizeAsync(390, 844);
        await Expect(page.Locator(".payment-method-row[data-last4='0002'] .remove-method")).ToBeInViewportAsync(new() { Ratio = 0.5f });
        await BrowserFixture.ScreenshotAsync(page, "payment-methods-390");
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Staff_see_a_mismatch_on_the_reconciliation_page_and_resolve_it_with_a_note()
    {
        var day = new DateOnly(2021, 6, 15);
        var stray = $"sbx_ch_e2e_{Guid.NewGuid():N}";
        await browser.Portal.WithDbAsync(async db =>
        {
            db.SandboxCharges.Add(new SandboxCharge
            {
                Id = stray, IdempotencyKey = $"e2e:{stray}", MethodToken = "sbx_pm_ok_4242_1230_00", AmountMinor = 4321, CurrencyCode = "USD",
                Status = "succeeded", CreatedAt = new DateTimeOffset(2021, 6, 15, 12, 0, 0, TimeSpan.Zero),
            });
            return await db.SaveChangesAsync();
        });
        await browser.Portal.Get<PaymentReconciliation>().RunAsync(day, "test", CancellationToken.None);
        var staff = await browser.Portal.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var page = await SignInAsync(staff.Email);

        await PortalPages.GotoInteractiveAsync(page, "/admin/billing/reconciliation");
        var row = page.Locator(".mismatch-row", new() { HasText = stray });
        await Expect(row).ToContainTextAsync("Missing on our side");
        await Expect(row).ToContainTextAsync("$43.21");
        await BrowserFixture.ScreenshotAsync(page, "reconciliation");

        await row.Locator(".resolve-open").ClickAsync();
        await page.Locator("#resolve-save").ClickAsync();
        await Expect(page.GetByText("Say in 3 to 1000 characters")).ToBeVisibleAsync();
        await page.Locator("#resolve-note").FillAsync("A test charge made in the processor's dashboard.");
        await page.Locator("#resolve-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Marked resolved.");
        await Expect(row).ToHaveCountAsync(0);

        await page.Locator("#show-resolved").ClickAsync();
        await Expect(page.Locator(".mismatch-row", new() { HasText = stray })).ToContainTextAsync("A test charge made in the processor's dashboard.");
        var stored = await browser.Portal.WithDbAsync(db => db.ReconciliationMismatches.AsNoTracking().SingleAsync(m => m.ProcessorPaymentId == stray));
        Assert.Equal(staff.Email, stored.ResolvedBy);
        await page.Context.CloseAsync();
    }

    private static PaymentMethod Card(Guid org, string last4, int month, int year, DateTimeOffset created, DateTimeOffset? declined = null) => new()
    {
        Id = Guid.NewGuid(), OrganizationId = org, Processor = "sandbox", ProcessorToken = $"sbx_pm_ok_{last4}_{month:D2}{year % 100:D2}_{Guid.NewGuid():N}"[..40],
        Type = "card", Brand = "Visa", Last4 = last4, ExpMonth = month, ExpYear = year, CreatedAt = created, DeclinedAt = declined, DeclineCode = declined is null ? null : "card_declined",
    };

    private async Task<IPage> SignInAsync(string email)
    {
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);
        return page;
    }
}
