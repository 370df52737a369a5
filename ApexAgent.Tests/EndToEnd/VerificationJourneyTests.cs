using System.Text.RegularExpressions;
using ApexAgent.Portal.Features.Demo;
using ApexAgent.Tests.Portal.Verification;
using ApexAgent.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ApexAgent.Tests.EndToEnd;

/// <summary>An education organisation applies with a document in the browser; support approves it in the queue; the applicant sees "Verified until …".</summary>
[Collection(BrowserCollection.Name)]
public sealed class VerificationJourneyTests(BrowserFixture browser)
{
    private const string Shots = "/tmp/shots/verification";

    [Fact]
    public async Task Support_approves_an_education_application_and_the_applicant_sees_verified_until()
    {
        Directory.CreateDirectory(Shots);
        var applicant = await browser.Portal.CreateAccountAsync();
        var page = await browser.NewPageAsync();
        await PortalPages.SignInAsync(page, applicant.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(page, "/organization/verification");
        await Expect(page.Locator("#apply-form")).ToBeVisibleAsync();

        // A text file named .pdf is refused with a message; what was typed stays.
        await page.Locator("#verification-legal-name").FillAsync("State University of Example");
        await page.Locator("#verification-website").FillAsync("https://www.stateu.example.test");
        await page.Locator("#verification-email-domain").FillAsync("example.test");
        await Select(page, "verification-institution-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Accredited university or college", Exact = true }).ClickAsync();
        await Select(page, "verification-country").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "United States", Exact = true }).ClickAsync();
        await page.Locator("#apply-form input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "fake.pdf", MimeType = "application/pdf", Buffer = VerificationFiles.Text() });
        await page.Locator("#verification-submit").ClickAsync();
        await Expect(page.Locator("#verification-document-error")).ToContainTextAsync("Only PDF, PNG or JPEG documents are accepted.");
        await Expect(page.Locator("#verification-legal-name")).ToHaveValueAsync("State University of Example");
        await page.ScreenshotAsync(new() { Path = $"{Shots}/apply-error.png", FullPage = true });

        await page.Locator("#apply-form input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "accreditation.pdf", MimeType = "application/pdf", Buffer = VerificationFiles.Pdf() });
        await page.Locator("#verification-submit").ClickAsync();
        await Expect(page.Locator("#verification-status")).ToHaveAttributeAsync("data-state", "submitted");
        await page.ScreenshotAsync(new() { Path = $"{Shots}/applied.png", FullPage = true });

        var staff = await browser.NewPageAsync();
        await PortalPages.SignInAsync(staff, DemoAccount.Support.Email, new DemoOptions().Password);
        await PortalPages.WaitForInteractiveAsync(staff);
        await staff.Locator(".mud-navmenu").GetByRole(AriaRole.Link, new() { Name = "Verifications" }).ClickAsync();
        await Expect(staff).ToHaveURLAsync(new Regex("/admin/verifications$"));
        await PortalPages.WaitForInteractiveAsync(staff);
        var row = staff.Locator("#verification-queue tr").Filter(new() { HasText = "State University of Example" });
        await Expect(row.First).ToBeVisibleAsync();
        await staff.ScreenshotAsync(new() { Path = $"{Shots}/queue.png", FullPage = true });
        await row.First.GetByRole(AriaRole.Link, new() { Name = "State University of Example" }).ClickAsync();
        await PortalPages.WaitForInteractiveAsync(staff);
        await Expect(staff.Locator("#review-domain-check")).ToContainTextAsync("is at example.test");
        await Expect(staff.Locator("#review-documents")).ToContainTextAsync("accreditation.pdf");
        await staff.ScreenshotAsync(new() { Path = $"{Shots}/review.png", FullPage = true });
        await staff.Locator("#review-approve").ClickAsync();
        await Expect(staff.Locator(".mud-snackbar")).ToContainTextAsync("Approved");
        await Expect(staff.Locator("#review-decide")).ToHaveCountAsync(0);

        await PortalPages.GotoInteractiveAsync(page, "/organization/verification");
        await Expect(page.Locator("#verification-status")).ToContainTextAsync(new Regex(@"Verified until \d{1,2} \w+ \d{4}"));
        await page.ScreenshotAsync(new() { Path = $"{Shots}/verified.png", FullPage = true });
        var narrow = await browser.NewPageAsync(390, 844);
        await PortalPages.SignInAsync(narrow, applicant.Email, PortalFactory.Password);
        await PortalPages.GotoInteractiveAsync(narrow, "/organization/verification");
        await narrow.ScreenshotAsync(new() { Path = $"{Shots}/verified-390.png", FullPage = true });
    }

    private static ILocator Select(IPage page, string id) => page.Locator($"div.mud-input:has(> input#{id})");
}
