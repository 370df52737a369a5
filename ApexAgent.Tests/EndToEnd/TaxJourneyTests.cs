using System.Text;
using ApexAgent.Portal.Features.Demo;
using ApexAgent.Portal.Features.Tax;
using ApexAgent.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>Billing details with a VAT number checked for the country; staff approve an exemption and download the tax report.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TaxJourneyTests(BrowserFixture browser)
{
    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/shots/tax/{name}.png", FullPage = true });

    [Fact]
    public async Task A_customer_fills_billing_details_and_a_malformed_vat_number_is_explained_and_kept()
    {
        var customer = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, customer.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/billing/details");
        await ShotAsync(page, "billing-details-empty");

        await page.Locator("#details-country").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Germany", Exact = true }).ClickAsync();
        await page.GetByText("Business", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("VAT number")).ToBeVisibleAsync();
        await page.GetByLabel("VAT number").FillAsync("DE12");
        await page.Locator("#details-save").ClickAsync();
        await Expect(page.Locator("#billing-details")).ToContainTextAsync("This is not a valid VAT number for Germany");
        await Expect(page.GetByLabel("VAT number")).ToHaveValueAsync("DE12");
        await ShotAsync(page, "billing-details-error");

        await page.GetByLabel("VAT number").FillAsync("de 123 456 789");
        await page.Locator("#details-save").ClickAsync();
        await Expect(page.GetByText("Billing details saved.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("VAT number")).ToHaveValueAsync("DE123456789");
        await ShotAsync(page, "billing-details-saved");

        var mobile = await browser.NewPageAsync(390, 844);
        await PortalPages.SignInAsync(mobile, customer.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(mobile, "/billing/details");
        await Expect(mobile.GetByLabel("VAT number")).ToHaveValueAsync("DE123456789");
        await ShotAsync(mobile, "billing-details-390");
    }

    [Fact]
    public async Task Staff_approve_an_exemption_and_download_the_tax_report()
    {
        var customer = await browser.Portal.CreateAccountAsync();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
        var number = $"NY-{Guid.NewGuid():N}"[..16];
        var submitted = await browser.Portal.Get<TaxExemptionService>().SubmitAsync(customer.Actor, "US-NY", number, DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1), "certificate.pdf", new MemoryStream(pdf), CancellationToken.None);
        Assert.True(submitted.IsSuccess, submitted.Error?.Message);

        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, DemoAccount.PlatformAdmin.Email, new DemoOptions().Password);
        await PortalPages.WaitForInteractiveAsync(page);
        await page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Tax exemptions" }).ClickAsync();
        await PortalPages.WaitForInteractiveAsync(page);
        var card = page.Locator($".exemption-review[data-certificate='{number}']");
        await Expect(card).ToContainTextAsync("New York");
        await ShotAsync(page, "exemptions-pending");
        await card.Locator(".exemption-reject").ClickAsync();
        await Expect(card).ToContainTextAsync("Say why the certificate is rejected");
        await card.Locator(".exemption-approve").ClickAsync();
        await Expect(page.GetByText($"Approved {number}.")).ToBeVisibleAsync();
        await Expect(page.Locator($".exemption-review[data-certificate='{number}']")).ToHaveCountAsync(0);

        await page.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Tax report" }).ClickAsync();
        await PortalPages.WaitForInteractiveAsync(page);
        await Expect(page.Locator("#tax-report-csv")).ToBeVisibleAsync();
        await ShotAsync(page, "tax-report");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#tax-report-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        Assert.StartsWith("jurisdiction,name,currency,taxable,collected", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }
}
