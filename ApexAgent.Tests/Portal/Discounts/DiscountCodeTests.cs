using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Pricing;
using ApexAgent.Portal.Features.Discounts;
using ApexAgent.Tests.Portal.Billing;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApexAgent.Tests.Portal.Discounts;

/// <summary>One app on a fake clock that stands still: codes entered at checkout, their limits, staff work on codes.</summary>
public sealed class DiscountCodeFixture : IAsyncLifetime
{
    public FakeVerifiedAccounts Verified { get; } = new();

    public BillingHarness Harness { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Harness = new BillingHarness(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero), s => s.AddSingleton<IVerifiedAccounts>(Verified));
        await Harness.Factory.WithDbAsync(db => db.Organizations.CountAsync()); // starts the app
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}

public sealed class DiscountCodeTests(DiscountCodeFixture fixture) : IClassFixture<DiscountCodeFixture>
{
    private BillingHarness Harness => fixture.Harness;

    private PortalFactory Factory => Harness.Factory;

    private async Task<HttpClient> StaffAsync()
    {
        var staff = await Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var key = await Factory.IssueKeyAsync(staff, [Permission.DiscountsManage]);
        return Factory.ApiClient(key.Secret.Plaintext);
    }

    private async Task<string> CreateCodeAsync(object body)
    {
        using var staff = await StaffAsync();
        var response = await staff.PostAsJsonAsync("/api/v1/admin/discounts", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!;
    }

    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private async Task<BillingApiClient> CustomerAsync()
    {
        var customer = await BillingApiClient.CreateAsync(Factory);
        await customer.AddCardAsync();
        return customer;
    }

    private static Task<HttpResponseMessage> Preview(BillingApiClient customer, string code, string tier = "pro", int seats = 1, string cycle = "monthly") =>
        customer.PostAsync("/api/v1/subscription/preview", $$"""{ "tier": "{{tier}}", "cycle": "{{cycle}}", "seats": {{seats}}, "discountCode": {{JsonSerializer.Serialize(code)}} }""");

    private static Task<HttpResponseMessage> Change(BillingApiClient customer, string code, string tier = "pro", int seats = 1) =>
        customer.PostAsync("/api/v1/subscription/change", $$"""{ "tier": "{{tier}}", "cycle": "monthly", "seats": {{seats}}, "discountCode": {{JsonSerializer.Serialize(code)}} }""");

    [Fact]
    public async Task A_code_entered_at_checkout_shows_in_the_preview_and_on_the_invoice_and_is_case_insensitive()
    {
        var code = await CreateCodeAsync(new { code = Unique("spring"), kind = "percent", percentOff = 25, duration = "forever" });
        var customer = await CustomerAsync();

        var preview = await customer.OkAsync(await Preview(customer, "  " + code.ToLowerInvariant()));
        Assert.Equal("15.00", preview.GetProperty("total").GetProperty("amount").GetString());
        Assert.Contains(preview.GetProperty("adjustments").EnumerateArray(), a => a.GetProperty("description").GetString() == $"Code {code}: 25% off");
        Assert.Equal(0, await Factory.WithDbAsync(db => db.DiscountRedemptions.CountAsync(r => r.Code == code))); // a preview never redeems

        await customer.OkAsync(await Change(customer, code.ToLowerInvariant()));
        var invoice = Assert.Single(await Harness.InvoicesAsync(customer.Account.OrganizationId), i => i.Number is not null);
        Assert.Equal(1500, invoice.TotalMinor);
        Assert.Equal(-500, invoice.Lines.Single(l => l.Kind == InvoiceLineKind.CodeDiscount).AmountMinor);
        var redemption = await Factory.WithDbAsync(db => db.DiscountRedemptions.SingleAsync(r => r.Code == code));
        Assert.Equal(invoice.Id, redemption.FirstInvoiceId);
        Assert.Equal(customer.Account.OrganizationId, redemption.OrganizationId);
    }

    [Fact]
    public async Task A_code_at_its_redemption_limit_is_used_up_and_the_same_customer_cannot_use_a_code_twice()
    {
        var code = await CreateCodeAsync(new { code = Unique("ONE"), kind = "percent", percentOff = 10, maxRedemptions = 1 });
        var first = await CustomerAsync();
        await first.OkAsync(await Change(first, code));

        var second = await CustomerAsync();
        await ProblemAssert.IsProblemAsync(await Preview(second, code), HttpStatusCode.Conflict, "discount_code_used_up");

        var again = await CreateCodeAsync(new { code = Unique("TWICE"), kind = "percent", percentOff = 10, duration = "once" });
        await first.OkAsync(await customerUpgrade(first, again));
        var cancel = await first.PostAsync("/api/v1/subscription/change", """{ "tier": "free", "cycle": "monthly", "applyNow": true }""");
        await first.OkAsync(cancel);
        await ProblemAssert.IsProblemAsync(await Preview(first, again), HttpStatusCode.Conflict, "discount_code_already_used");

        static Task<HttpResponseMessage> customerUpgrade(BillingApiClient c, string code) => Change(c, code, "team", 3);
    }

    [Fact]
    public async Task Expired_not_started_other_tier_and_unknown_codes_are_refused_in_the_products_words_and_change_nothing()
    {
        var now = Factory.Now;
        var expired = await CreateCodeAsync(new { code = Unique("OLD"), kind = "percent", percentOff = 10, startsAt = now.AddDays(-30), expiresAt = now.AddDays(-1) });
        var later = await CreateCodeAsync(new { code = Unique("LATER"), kind = "percent", percentOff = 10, startsAt = now.AddDays(5) });
        var proOnly = await CreateCodeAsync(new { code = Unique("PRO"), kind = "percent", percentOff = 10, tiers = new[] { "pro" } });
        var annual = await CreateCodeAsync(new { code = Unique("YEAR"), kind = "percent", percentOff = 10, cycles = new[] { "annual" } });
        var customer = await CustomerAsync();

        await ProblemAssert.IsProblemAsync(await Preview(customer, expired), HttpStatusCode.Conflict, "discount_code_expired");
        await ProblemAssert.IsProblemAsync(await Preview(customer, later), HttpStatusCode.Conflict, "discount_code_not_started");
        var wrongTier = await ProblemAssert.IsProblemAsync(await Change(customer, proOnly, "team", 3), HttpStatusCode.BadRequest, "discount_code_not_applicable");
        Assert.Contains($"{proOnly} is for Pro plans only.", wrongTier.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await Preview(customer, annual), HttpStatusCode.BadRequest, "discount_code_not_applicable");
        await ProblemAssert.IsProblemAsync(await Preview(customer, "NOPE-" + Guid.NewGuid().ToString("N")[..6]), HttpStatusCode.BadRequest, "discount_code_not_found");
        await ProblemAssert.IsProblemAsync(await Preview(customer, "<script>alert(1)</script>"), HttpStatusCode.BadRequest, "discount_code_not_found");
        await ProblemAssert.IsProblemAsync(await Preview(customer, new string('A', 65)), HttpStatusCode.BadRequest);

        Assert.Equal(TierCode.Free, (await Harness.InForceAsync(customer.Account.OrganizationId)).Tier);
        Assert.Empty(await Harness.InvoicesAsync(customer.Account.OrganizationId));
    }

    [Fact]
    public async Task A_first_subscription_only_code_is_refused_to_an_organisation_that_had_a_paid_plan()
    {
        var code = await CreateCodeAsync(new { code = Unique("WELCOME"), kind = "fixed_amount", amountOff = new { amount = "5.00", currency = "USD" }, firstSubscriptionOnly = true });
        var returning = await CustomerAsync();
        await returning.SubscribeToProAsync();
        await returning.OkAsync(await returning.PostAsync("/api/v1/subscription/change", """{ "tier": "free", "cycle": "monthly", "applyNow": true }"""));
        var refused = await ProblemAssert.IsProblemAsync(await Preview(returning, code), HttpStatusCode.Conflict, "discount_code_first_subscription_only");
        Assert.Contains("first subscription only", refused.GetProperty("detail").GetString());

        var newcomer = await CustomerAsync();
        var preview = await newcomer.OkAsync(await Preview(newcomer, code));
        Assert.Equal("15.00", preview.GetProperty("total").GetProperty("amount").GetString());
    }

    [Fact]
    public async Task A_non_stackable_code_is_refused_to_a_verified_education_account()
    {
        var code = await CreateCodeAsync(new { code = Unique("SOLO"), kind = "percent", percentOff = 20, stackable = false });
        var customer = await CustomerAsync();
        fixture.Verified.Verify(customer.Account.OrganizationId, new VerifiedAccount(AccountType.Education, Factory.Now.AddYears(1)));

        var plain = await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/preview", """{ "tier": "pro", "cycle": "monthly" }"""));
        Assert.Equal("10.00", plain.GetProperty("total").GetProperty("amount").GetString());
        var refused = await ProblemAssert.IsProblemAsync(await Preview(customer, code), HttpStatusCode.Conflict, "discount_code_not_combinable");
        Assert.Equal("This code cannot be combined with your education discount.", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Two_customers_racing_for_the_last_redemption_one_wins()
    {
        var code = await CreateCodeAsync(new { code = Unique("LAST"), kind = "percent", percentOff = 50, maxRedemptions = 1 });
        var customers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CustomerAsync()));
        var answers = await Task.WhenAll(customers.Select(c => Change(c, code)));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, await Factory.WithDbAsync(db => DiscountQueries.LiveRedemptions(db).CountAsync(r => r.Code == code)));
    }

    [Fact]
    public async Task A_declined_card_frees_the_redemption_it_held()
    {
        var code = await CreateCodeAsync(new { code = Unique("HOLD"), kind = "percent", percentOff = 50, maxRedemptions = 1 });
        var declined = await BillingApiClient.CreateAsync(Factory);
        await declined.AddCardAsync(BillingApiClient.DeclinedCard);
        await ProblemAssert.IsProblemAsync(await Change(declined, code), HttpStatusCode.Conflict, "payment_failed");

        var next = await CustomerAsync();
        await next.OkAsync(await Change(next, code));
    }

    [Fact]
    public async Task Volume_discount_shows_as_its_own_line_in_the_preview()
    {
        var customer = await CustomerAsync();
        var preview = await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/preview", """{ "tier": "team", "cycle": "monthly", "seats": 12 }"""));
        Assert.Contains(preview.GetProperty("adjustments").EnumerateArray(), a => a.GetProperty("description").GetString() == "Volume discount (12 seats, 10%)");
        Assert.Equal("432.00", preview.GetProperty("total").GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Staff_create_pause_resume_and_retire_codes_and_the_report_counts_redemptions_and_revenue_discounted()
    {
        using var staff = await StaffAsync();
        var code = await CreateCodeAsync(new { code = Unique("STAFF"), kind = "percent", percentOff = 25, note = "Spring campaign" });
        var customer = await CustomerAsync();
        await customer.OkAsync(await Change(customer, code));

        var paused = await staff.PostAsync($"/api/v1/admin/discounts/{code.ToLowerInvariant()}/pause", null);
        Assert.Equal("paused", (await customer.OkAsync(paused)).GetProperty("status").GetString());
        var other = await CustomerAsync();
        await ProblemAssert.IsProblemAsync(await Preview(other, code), HttpStatusCode.BadRequest, "discount_code_not_found");
        await ProblemAssert.IsProblemAsync(await staff.PostAsync($"/api/v1/admin/discounts/{code}/pause", null), HttpStatusCode.Conflict);
        Assert.Equal("active", (await customer.OkAsync(await staff.PostAsync($"/api/v1/admin/discounts/{code}/resume", null))).GetProperty("status").GetString());
        await other.OkAsync(await Change(other, code, "team", 2));

        var report = await customer.OkAsync(await staff.GetAsync($"/api/v1/admin/discounts/{code}/report"));
        Assert.Equal(2, report.GetProperty("redemptions").GetInt32());
        Assert.Equal("25.00", report.GetProperty("revenueDiscounted")[0].GetProperty("amount").GetString()); // $5 of Pro + $20 of two Team seats
        var csv = await (await staff.GetAsync($"/api/v1/admin/discounts/{code}/report?format=csv")).Content.ReadAsStringAsync();
        Assert.Equal(3, csv.Trim().Split('\n').Length);

        Assert.Equal("retired", (await customer.OkAsync(await staff.PostAsync($"/api/v1/admin/discounts/{code}/retire", null))).GetProperty("status").GetString());
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "catalog.discount_code_changed")));
        var list = await customer.OkAsync(await staff.GetAsync("/api/v1/admin/discounts"));
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("code").GetString() == code && c.GetProperty("status").GetString() == "retired");
    }

    [Fact]
    public async Task Staff_input_is_checked_and_customers_cannot_manage_codes()
    {
        using var staff = await StaffAsync();
        await ProblemAssert.IsProblemAsync(await staff.PostAsJsonAsync("/api/v1/admin/discounts", new { code = "bad code!", kind = "percent", percentOff = 10 }), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(await staff.PostAsJsonAsync("/api/v1/admin/discounts", new { code = Unique("P"), kind = "percent", percentOff = 150 }), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(await staff.PostAsJsonAsync("/api/v1/admin/discounts", new { code = Unique("R"), kind = "percent", percentOff = 10, duration = "repeating" }), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAssert.IsProblemAsync(await staff.PostAsJsonAsync("/api/v1/admin/discounts", new { code = Unique("F"), kind = "fixed_amount", amountOff = new { amount = "-5", currency = "USD" } }), HttpStatusCode.BadRequest);
        var taken = await CreateCodeAsync(new { code = Unique("TAKEN"), kind = "percent", percentOff = 10 });
        await ProblemAssert.IsProblemAsync(await staff.PostAsJsonAsync("/api/v1/admin/discounts", new { code = taken.ToLowerInvariant(), kind = "percent", percentOff = 10 }), HttpStatusCode.Conflict, "discount_code_exists");
        await ProblemAssert.IsProblemAsync(await staff.PostAsync("/api/v1/admin/discounts/NOPE-NOT-HERE/retire", null), HttpStatusCode.NotFound, "discount_code_not_found");

        var customer = await BillingApiClient.CreateAsync(Factory, TierCode.Team);
        var before = await Factory.WithDbAsync(db => db.DiscountCodes.CountAsync());
        await ProblemAssert.IsProblemAsync(await customer.Http.PostAsJsonAsync("/api/v1/admin/discounts", new { code = Unique("MINE"), kind = "percent", percentOff = 100 }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await customer.Http.GetAsync("/api/v1/admin/discounts"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await customer.Http.PostAsync($"/api/v1/admin/discounts/{taken}/retire", null), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await customer.Http.GetAsync($"/api/v1/admin/discounts/{taken}/report"), HttpStatusCode.Forbidden);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.DiscountCodes.CountAsync()));
        var service = await Factory.Get<DiscountCodeService>().ListAsync(customer.Account.Actor, CancellationToken.None);
        Assert.Equal("forbidden", service.Error?.Code);
    }
}

/// <summary>Codes that grant credits instead of money off: shown on the preview and the invoice, granted once when paid.</summary>
public sealed class CreditCodeTests(DiscountCodeFixture fixture) : IClassFixture<DiscountCodeFixture>
{
    private PortalFactory Factory => fixture.Harness.Factory;

    [Fact]
    public async Task A_credit_code_costs_nothing_off_and_grants_its_credits_once_when_the_invoice_is_paid()
    {
        var staff = await Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var key = await Factory.IssueKeyAsync(staff, [Permission.DiscountsManage]);
        using var staffApi = Factory.ApiClient(key.Secret.Plaintext);
        var name = "BONUS" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var created = await staffApi.PostAsJsonAsync("/api/v1/admin/discounts", new { code = name, kind = "credits", credits = 7_500 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var refused = await staffApi.PostAsJsonAsync("/api/v1/admin/discounts", new { code = name + "X", kind = "credits", credits = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var customer = await BillingApiClient.CreateAsync(Factory);
        await customer.AddCardAsync();
        var organization = customer.Account.OrganizationId;
        var body = $$"""{ "tier": "pro", "cycle": "monthly", "seats": 1, "discountCode": "{{name}}" }""";

        var preview = await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/preview", body));
        var grantsAfterPreview = await Factory.WithDbAsync(db => db.CreditGrants.CountAsync(g => g.OrganizationId == organization && g.Source.StartsWith("code:")));
        await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/change", body));

        Assert.Equal("20.00", preview.GetProperty("total").GetProperty("amount").GetString()); // no money off
        Assert.Contains(preview.GetProperty("adjustments").EnumerateArray(), a => a.GetProperty("description").GetString() == $"Code {name}: 7,500 credits, granted when this invoice is paid");
        Assert.Equal(0, grantsAfterPreview);
        var invoice = await Factory.WithDbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.OrganizationId == organization && i.Purpose == InvoicePurpose.FirstPeriod));
        Assert.Equal((InvoiceStatus.Paid, 2000L), (invoice.Status, invoice.TotalMinor));
        Assert.Contains(invoice.Lines, l => l.Kind == InvoiceLineKind.CodeDiscount && l.AmountMinor == 0 && l.Description.Contains("7,500 credits"));
        var grant = await Factory.WithDbAsync(db => db.CreditGrants.AsNoTracking().SingleAsync(g => g.OrganizationId == organization && g.Source.StartsWith("code:")));
        Assert.Equal((ApexAgent.Domain.Credits.GrantKind.Promotional, 7_500_000L), (grant.Kind, grant.Amount));
        Assert.NotNull(await Factory.WithDbAsync(db => db.DiscountRedemptions.Where(r => r.OrganizationId == organization).Select(r => r.CreditsGrantedAt).SingleAsync()));
    }
}

/// <summary>A redeemed code follows the subscription only while the plan is one it was made for.</summary>
public sealed class RedeemedCodeScopeTests(DiscountCodeFixture fixture) : IClassFixture<DiscountCodeFixture>
{
    private PortalFactory Factory => fixture.Harness.Factory;

    [Fact]
    public async Task A_pro_only_code_stops_discounting_after_an_upgrade_to_team()
    {
        var staff = await Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var key = await Factory.IssueKeyAsync(staff, [Permission.DiscountsManage]);
        using var staffApi = Factory.ApiClient(key.Secret.Plaintext);
        var name = "PRO" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.Created, (await staffApi.PostAsJsonAsync("/api/v1/admin/discounts", new { code = name, kind = "percent", percentOff = 20, duration = "forever", tiers = new[] { "pro" } })).StatusCode);
        var customer = await BillingApiClient.CreateAsync(Factory);
        await customer.AddCardAsync();
        await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/change", $$"""{ "tier": "pro", "cycle": "monthly", "discountCode": "{{name}}" }"""));

        var stillPro = await customer.PreviewAsync("pro", "annual");
        var team = await customer.PreviewAsync("team", "monthly", 2);

        Assert.Contains(stillPro.GetProperty("adjustments").EnumerateArray(), a => a.GetProperty("description").GetString()!.StartsWith($"Code {name}"));
        Assert.DoesNotContain(team.GetProperty("adjustments").EnumerateArray(), a => a.GetProperty("description").GetString()!.StartsWith($"Code {name}"));
    }
}

/// <summary>Leaving a plan early gives back the unused share of what was paid, never the unused list price.</summary>
public sealed class UnusedTimeAtPaidPriceTests(DiscountCodeFixture fixture) : IClassFixture<DiscountCodeFixture>
{
    private PortalFactory Factory => fixture.Harness.Factory;

    private Task<long> BalanceAsync(Guid organization) => Factory.WithDbAsync(db => db.AccountBalanceEntries.Where(e => e.OrganizationId == organization).SumAsync(e => e.AmountMinor));

    [Fact]
    public async Task An_education_customer_who_cancels_now_is_credited_what_they_paid_not_the_list_price()
    {
        var customer = await BillingApiClient.CreateAsync(Factory);
        await customer.AddCardAsync();
        var organization = customer.Account.OrganizationId;
        fixture.Verified.Verify(organization, new VerifiedAccount(AccountType.Education, fixture.Harness.Now.AddYears(1)));
        await customer.OkAsync(await customer.ChangeAsync("pro")); // $20.00 less 50%: $10.00 paid

        var cancel = await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/preview", """{ "tier": "free", "cycle": "monthly", "applyNow": true }"""));
        await customer.OkAsync(await customer.ChangeAsync("free", applyNow: true));

        var paid = await Factory.WithDbAsync(db => db.Invoices.Where(i => i.OrganizationId == organization && i.Purpose == InvoicePurpose.FirstPeriod).Select(i => i.TotalMinor).SingleAsync());
        Assert.Equal(1000, paid);
        Assert.Equal("-10.00", cancel.GetProperty("total").GetProperty("amount").GetString());
        Assert.Equal(1000, await BalanceAsync(organization)); // the whole period was unused: exactly what was paid comes back
    }

    [Fact]
    public async Task A_free_first_month_from_a_code_gives_nothing_back_when_cancelled_at_once()
    {
        var staff = await Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var key = await Factory.IssueKeyAsync(staff, [Permission.DiscountsManage]);
        using var staffApi = Factory.ApiClient(key.Secret.Plaintext);
        var name = "FREE" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.Created, (await staffApi.PostAsJsonAsync("/api/v1/admin/discounts", new { code = name, kind = "percent", percentOff = 100, duration = "once" })).StatusCode);
        var customer = await BillingApiClient.CreateAsync(Factory);
        await customer.AddCardAsync();
        await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/change", $$"""{ "tier": "pro", "cycle": "monthly", "discountCode": "{{name}}" }"""));

        await customer.OkAsync(await customer.ChangeAsync("free", applyNow: true));

        Assert.Equal(0, await BalanceAsync(customer.Account.OrganizationId));
    }
}

/// <summary>The PDF carries the same discount line as the preview and the invoice.</summary>
public sealed class DiscountPdfTests(DiscountCodeFixture fixture) : IClassFixture<DiscountCodeFixture>
{
    private PortalFactory Factory => fixture.Harness.Factory;

    [Fact]
    public async Task The_invoice_pdf_shows_the_code_line_and_the_discounted_total()
    {
        var staff = await Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var key = await Factory.IssueKeyAsync(staff, [Permission.DiscountsManage]);
        using var staffApi = Factory.ApiClient(key.Secret.Plaintext);
        var name = "PDF" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.Created, (await staffApi.PostAsJsonAsync("/api/v1/admin/discounts", new { code = name, kind = "percent", percentOff = 25, duration = "once" })).StatusCode);
        var customer = await BillingApiClient.CreateAsync(Factory);
        await customer.AddCardAsync();
        await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/change", $$"""{ "tier": "pro", "cycle": "monthly", "discountCode": "{{name}}" }"""));
        var invoiceId = await Factory.WithDbAsync(db => db.Invoices.Where(i => i.OrganizationId == customer.Account.OrganizationId && i.Purpose == InvoicePurpose.FirstPeriod).Select(i => i.Id).SingleAsync());

        var rendered = await Factory.Get<InvoicePdfs>().RenderAsync(customer.Account.Actor, invoiceId, CancellationToken.None);

        using var pdf = UglyToad.PdfPig.PdfDocument.Open(rendered.Value.Pdf);
        var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains($"Code {name}: 25% off", text);
        Assert.Contains("-$5.00", text.Replace("−", "-"));
        Assert.Contains("$15.00", text);
    }
}
