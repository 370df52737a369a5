using System.Text.RegularExpressions;
using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Components.Shared;
using ApexAgent.Portal.Features.Demo;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>
/// ApexAgent staff at /admin/billing: find a Free organisation, put it on an Enterprise contract, record the transfer
/// that pays the invoice, and credit the balance with a credit note; customers neither see nor reach the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BillingOperationsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_platform_admin_starts_a_contract_records_the_transfer_and_credits_the_balance()
    {
        var customer = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoAccount.PlatformAdmin.Email, new DemoOptions().Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Billing operations" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/billing$"));
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByText("Search for an organisation")).ToBeVisibleAsync();
        await page.Locator("#billing-org-search").FillAsync(customer.Email);
        var result = page.Locator($"tr.billing-org-row[data-org='{customer.OrganizationId}']");
        await Expect(page.Locator("tr.billing-org-row")).ToHaveCountAsync(1);
        await Expect(result).ToContainTextAsync(customer.Email);
        await Expect(result).ToContainTextAsync("Free");
        await result.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"org={customer.OrganizationId}"));
        await Expect(page.Locator("#ops-plan")).ToHaveTextAsync("Free (monthly)");
        await Expect(page.GetByText("No invoices yet")).ToBeVisibleAsync();

        // A price left out is refused by the service; what was typed stays.
        await page.Locator("#start-contract").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("#contract-seats")).ToHaveValueAsync("10");
        await Expect(dialog.Locator("#contract-terms")).ToHaveValueAsync("30");
        await dialog.Locator("#contract-seats").FillAsync("12");
        await dialog.Locator("#contract-start").ClickAsync();
        await Expect(dialog.Locator("#contract-error")).ToHaveTextAsync("Some fields need attention; no contract was started.");
        await Expect(dialog).ToContainTextAsync("The annual price must be more than zero.");
        await Expect(dialog.Locator("#contract-seats")).ToHaveValueAsync("12");
        await dialog.Locator("#contract-price").FillAsync("72000");
        await dialog.Locator("#contract-price").BlurAsync();
        await Expect(dialog.Locator("#contract-start")).ToHaveTextAsync("Start contract and invoice $72,000.00");
        await dialog.Locator("#contract-start").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var invoice = await browser.Portal.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrganizationId == customer.OrganizationId));
        var timeZone = await browser.Portal.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAccount.PlatformAdmin.Email).Select(u => u.Profile.TimeZone).SingleAsync());
        var due = PortalFormat.Date(invoice.DueAt!.Value, timeZone ?? "UTC");
        Assert.Equal(30, (invoice.DueAt!.Value - invoice.FinalizedAt!.Value).TotalDays);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Invoice {invoice.Number} for $72,000.00 is due on {due}.");
        await Expect(page.Locator("#ops-plan")).ToHaveTextAsync("Enterprise (annual, 12 seats)");
        await Expect(page.Locator("#ops-terms")).ToHaveTextAsync("Contract: $72,000.00 a year, net 30, invoiced");
        await Expect(page.Locator("#start-contract")).ToHaveCountAsync(0);
        await Expect(page.Locator("#ops-amount-due")).ToHaveTextAsync("$72,000.00");
        await Expect(result).ToContainTextAsync("Enterprise");
        await Expect(result).ToContainTextAsync("Contract");
        var row = page.Locator($"tr.ops-invoice-row[data-number='{invoice.Number}']");
        await Expect(row.Locator(".ops-invoice-status")).ToHaveTextAsync("Open");
        await Expect(row.Locator(".ops-amount-due")).ToHaveTextAsync("$72,000.00");
        await Expect(row.Locator(".ops-due")).ToHaveTextAsync(due);

        // The transfer's reference is required; the invoice is then paid.
        await row.Locator(".record-transfer").ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("$72,000.00 received by bank transfer");
        await dialog.Locator("#transfer-record").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Give the transfer's reference");
        await dialog.Locator("#transfer-reference").FillAsync("WIRE-2026-0042");
        await dialog.Locator("#transfer-record").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync($"Invoice {invoice.Number} is paid");
        await Expect(row.Locator(".ops-invoice-status")).ToHaveTextAsync("Paid");
        await Expect(row.Locator(".ops-amount-due")).ToHaveTextAsync("$0.00");
        await Expect(row.Locator(".record-transfer")).ToHaveCountAsync(0);
        await Expect(row.Locator(".void-invoice")).ToHaveCountAsync(0);
        await Expect(page.Locator("#ops-amount-due")).ToHaveTextAsync("$0.00");

        // A $100 credit note to the balance, confirmed with the amount and where it goes.
        await row.Locator(".issue-credit-note").ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Radio, new() { Name = "Refund to the card" })).ToBeDisabledAsync();
        await Expect(dialog.GetByRole(AriaRole.Radio, new() { Name = "Credit the account balance" })).ToBeCheckedAsync();
        await dialog.Locator("#credit-note-amount").FillAsync("100");
        await dialog.Locator("#credit-note-reason").FillAsync("Onboarding delayed by a week");
        await dialog.Locator("#credit-note-review").ClickAsync();
        await Expect(dialog.Locator("#credit-note-summary")).ToContainTextAsync("A credit note of $100.00 is issued for invoice " + invoice.Number);
        await Expect(dialog.Locator("#credit-note-summary")).ToContainTextAsync("added to the organisation's account balance");
        await page.WaitForTimeoutAsync(400); // the dialog fades in
        await BrowserFixture.ScreenshotAsync(page, "billing-operations-credit-note");
        await dialog.Locator("#credit-note-issue").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var note = await browser.Portal.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrganizationId == customer.OrganizationId && i.Kind == InvoiceKind.CreditNote));
        Assert.Matches(@"^CN-\d{4}-\d{6}$", note.Number);
        await Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync($"Credit note {note.Number} for $100.00 issued against invoice {invoice.Number}.");
        await Expect(page.Locator($"tr.ops-invoice-row[data-number='{note.Number}'] .ops-invoice-status")).ToHaveTextAsync("Credit note");
        await Expect(page.Locator("#ops-balance")).ToHaveTextAsync("$100.00");
        await Expect(page.Locator("tr.ops-invoice-row").First).ToHaveAttributeAsync("data-number", note.Number!);

        // The view is kept in the address: a reload shows the same organisation.
        await page.ReloadAsync();
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#ops-plan")).ToHaveTextAsync("Enterprise (annual, 12 seats)");
        await Expect(page.Locator("tr.ops-invoice-row")).ToHaveCountAsync(2);
        await page.WaitForTimeoutAsync(300);
        await BrowserFixture.ScreenshotAsync(page, "billing-operations");
    }

    [Fact]
    public async Task Staff_void_an_open_invoice_after_a_confirmation_that_says_what_happens()
    {
        var customer = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoAccount.PlatformAdmin.Email, new DemoOptions().Password);
        await PortalPages.GotoInteractiveAsync(page, $"/admin/billing?org={customer.OrganizationId}");
        await page.Locator("#start-contract").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("#contract-price").FillAsync("50000");
        await dialog.Locator("#contract-start").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var row = page.Locator("tr.ops-invoice-row").First;
        await Expect(row.Locator(".ops-invoice-status")).ToHaveTextAsync("Open");

        await row.Locator(".void-invoice").ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("$50,000.00 is no longer due");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Void invoice" }).ClickAsync();

        await Expect(row.Locator(".ops-invoice-status")).ToHaveTextAsync("Void");
        await Expect(row.Locator(".ops-amount-due")).ToHaveTextAsync("$0.00");
        await Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("is void");
        Assert.Equal(InvoiceStatus.Void, await browser.Portal.WithDbAsync(db => db.Invoices.Where(i => i.OrganizationId == customer.OrganizationId).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_customer_does_not_see_or_reach_billing_operations()
    {
        var owner = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, owner.Email, PortalFactory.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Billing operations" })).ToHaveCountAsync(0);
        await page.GotoAsync($"/admin/billing?org={owner.OrganizationId}");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
        await Expect(page.Locator("#start-contract")).ToHaveCountAsync(0);
    }
}
