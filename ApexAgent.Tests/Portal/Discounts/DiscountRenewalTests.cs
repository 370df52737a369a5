using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Discounts;
using ApexAgent.Portal.Features.Billing.Pricing;
using ApexAgent.Tests.Portal.Billing;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Discounts;

/// <summary>Discounts through renewals on a moving clock: a repeating code ends after N periods; a lapsed verification stops the account-type discount.</summary>
public sealed class DiscountRenewalTests
{
    [Fact]
    public async Task A_repeating_code_discounts_n_periods_then_renewals_are_full_price_and_a_lapsed_verification_stops_the_education_discount()
    {
        var verified = new FakeVerifiedAccounts();
        await using var harness = new BillingHarness(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), s => s.AddSingleton<IVerifiedAccounts>(verified));
        var factory = harness.Factory;
        var staff = await factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        using var staffApi = factory.ApiClient((await factory.IssueKeyAsync(staff, [Permission.DiscountsManage])).Secret.Plaintext);
        var created = await staffApi.PostAsJsonAsync("/api/v1/admin/discounts", new { code = "spring25", kind = "percent", percentOff = 25, duration = "repeating", periods = 3 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var coded = await BillingApiClient.CreateAsync(factory);
        await coded.AddCardAsync();
        await coded.OkAsync(await coded.PostAsync("/api/v1/subscription/change", """{ "tier": "pro", "cycle": "monthly", "discountCode": "Spring25" }"""));

        var student = await BillingApiClient.CreateAsync(factory);
        await student.AddCardAsync();
        verified.Verify(student.Account.OrganizationId, new VerifiedAccount(AccountType.Education, harness.Now.AddDays(45)));
        await student.OkAsync(await student.PostAsync("/api/v1/subscription/change", """{ "tier": "pro", "cycle": "monthly" }"""));

        await harness.AdvanceAsync(TimeSpan.FromDays(125), TimeSpan.FromDays(5));

        var invoices = (await harness.InvoicesAsync(coded.Account.OrganizationId)).Where(i => i.Number is not null).ToList();
        Assert.Equal([1500, 1500, 1500, 2000, 2000], invoices.Select(i => i.TotalMinor));
        Assert.Equal(["Code SPRING25: 25% off (1 of 3 months)", "Code SPRING25: 25% off (2 of 3 months)", "Code SPRING25: 25% off (3 of 3 months)"],
            invoices.SelectMany(i => i.Lines).Where(l => l.Kind == InvoiceLineKind.CodeDiscount).Select(l => l.Description));
        var redemption = await factory.WithDbAsync(db => db.DiscountRedemptions.SingleAsync(r => r.OrganizationId == coded.Account.OrganizationId));
        Assert.Equal(RedemptionStatus.Ended, redemption.Status);
        Assert.Equal(3, redemption.PeriodsUsed);

        var studentInvoices = (await harness.InvoicesAsync(student.Account.OrganizationId)).Where(i => i.Number is not null).ToList();
        Assert.Equal([1000, 1000, 2000, 2000, 2000], studentInvoices.Select(i => i.TotalMinor));

        var report = JsonDocument.Parse(await (await staffApi.GetAsync("/api/v1/admin/discounts/SPRING25/report")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("15.00", report.GetProperty("revenueDiscounted")[0].GetProperty("amount").GetString());
        Assert.Equal(1, report.GetProperty("endedAtLeastAPeriodAgo").GetInt32());
        Assert.Equal(1, report.GetProperty("retained").GetInt32());
    }
}
