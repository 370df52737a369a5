using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Tests.Portal.Billing;
using ApexAgent.Tests.TestSupport;

namespace ApexAgent.Tests.Portal.Discounts;

/// <summary>
/// The subscription shows the code discounting it — in <c>GET /api/v1/subscription</c> (<c>discount</c>) and on the
/// billing overview — for exactly the periods whose invoices carry the code's line: a repeating code counts down and
/// disappears with the first full-price renewal; a forever code says so; a cancelled subscription's code ends with it.
/// </summary>
public sealed class SubscriptionDiscountTests
{
    [Fact]
    public async Task A_repeating_code_is_shown_while_its_periods_last_counting_down_and_disappears_at_the_first_full_price_renewal()
    {
        await using var harness = new BillingHarness(new DateTimeOffset(2027, 1, 12, 9, 0, 0, TimeSpan.Zero));
        var factory = harness.Factory;
        using var staff = await StaffAsync(factory);
        await CreateAsync(staff, new { code = "spring25", kind = "percent", percentOff = 25, duration = "repeating", periods = 3 });
        await CreateAsync(staff, new { code = "always10", kind = "fixed_amount", amountOff = new { amount = "10.00", currency = "USD" }, duration = "forever" });

        var coded = await SubscribedAsync(factory, "Spring25");
        var forever = await SubscribedAsync(factory, "ALWAYS10");
        var plain = await SubscribedAsync(factory, null);
        var free = await BillingApiClient.CreateAsync(factory);

        var first = await DiscountAsync(coded);
        Assert.Equal("SPRING25", first.GetProperty("code").GetString());
        Assert.Equal(("percent", 25m, "repeating", 2), (first.GetProperty("kind").GetString(), first.GetProperty("percentOff").GetDecimal(), first.GetProperty("duration").GetString(), first.GetProperty("periodsLeft").GetInt32()));
        Assert.Equal(new DateTimeOffset(2027, 4, 12, 9, 0, 0, TimeSpan.Zero), first.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal("Code SPRING25 · 25% off · 2 more months (until 12 Apr 2027)", first.GetProperty("summary").GetString());

        var always = await DiscountAsync(forever);
        Assert.Equal(("forever", JsonValueKind.Null, JsonValueKind.Null, "10.00"),
            (always.GetProperty("duration").GetString(), always.GetProperty("periodsLeft").ValueKind, always.GetProperty("endsAt").ValueKind, always.GetProperty("amountOff").GetProperty("amount").GetString()));
        Assert.Equal("Code ALWAYS10 · $10.00 off · forever", always.GetProperty("summary").GetString());
        Assert.Equal(JsonValueKind.Null, (await free.GetAsync("/api/v1/subscription")).GetProperty("discount").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await plain.GetAsync("/api/v1/subscription")).GetProperty("discount").ValueKind);

        // Day by day for a hundred days: the code is shown exactly while the current period's invoice carries its line.
        var seen = new List<(int Left, DateTimeOffset EndsAt)>();
        var predictions = new Dictionary<DateTimeOffset, string>(); // "renews on … for …", as promised the day before
        Promise(await coded.GetAsync("/api/v1/subscription"));
        for (var day = 0; day < 100; day++)
        {
            await harness.AdvanceAsync(TimeSpan.FromDays(1), TimeSpan.FromDays(1));
            var subscription = await coded.GetAsync("/api/v1/subscription");
            Promise(subscription);
            var periodStart = subscription.GetProperty("periodStart").GetDateTimeOffset();
            var current = (await harness.InvoicesAsync(coded.Account.OrganizationId)).Last(i => i.Number is not null && i.PeriodStart <= periodStart && i.PeriodEnd > periodStart);
            var discounted = current.Lines.Any(l => l.Kind == InvoiceLineKind.CodeDiscount);
            var discount = subscription.GetProperty("discount");
            Assert.True(discounted == (discount.ValueKind == JsonValueKind.Object), $"day {day}: invoice {current.Number} discounted {discounted}, shown {discount}");
            if (discounted)
            {
                seen.Add((discount.GetProperty("periodsLeft").GetInt32(), discount.GetProperty("endsAt").GetDateTimeOffset()));
            }

            Assert.Equal(JsonValueKind.Object, (await forever.GetAsync("/api/v1/subscription")).GetProperty("discount").ValueKind);
        }

        var renewals = (await harness.InvoicesAsync(coded.Account.OrganizationId)).Where(i => i.Purpose == InvoicePurpose.Renewal).ToList();
        Assert.Equal(3, renewals.Count);
        Assert.All(renewals, r => Assert.Equal(predictions[r.PeriodStart!.Value], (r.TotalMinor / 100m).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["15.00", "20.00"], renewals.Select(r => predictions[r.PeriodStart!.Value]).Distinct().Order()); // the discounted price while the code lasts, then the list price
        var lastDiscounted = (await harness.InvoicesAsync(coded.Account.OrganizationId)).Where(i => i.Lines.Any(l => l.Kind == InvoiceLineKind.CodeDiscount)).Max(i => i.PeriodEnd);
        Assert.Equal([2, 1, 0], seen.Select(s => s.Left).Distinct());
        Assert.All(seen, s => Assert.Equal(lastDiscounted, s.EndsAt));
        Assert.Equal("Code SPRING25 · 25% off · until 12 Apr 2027", ActiveSummary(seen[^1].EndsAt));

        void Promise(JsonElement subscription)
        {
            var promised = subscription.GetProperty("nextRenewal");
            predictions[promised.GetProperty("at").GetDateTimeOffset()] = promised.GetProperty("amount").GetProperty("amount").GetString()!;
        }
    }

    [Fact]
    public async Task A_cancelled_subscriptions_code_ends_with_the_period_and_the_overview_shows_the_same_discount()
    {
        await using var harness = new BillingHarness(new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.Zero));
        var factory = harness.Factory;
        using var staff = await StaffAsync(factory);
        await CreateAsync(staff, new { code = "half", kind = "percent", percentOff = 50, duration = "forever" });
        var customer = await SubscribedAsync(factory, "half");

        await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/cancel"));
        var discount = await DiscountAsync(customer);
        Assert.Equal((0, new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero)), (discount.GetProperty("periodsLeft").GetInt32(), discount.GetProperty("endsAt").GetDateTimeOffset()));

        var overview = (await factory.Get<BillingOverviewService>().GetAsync(customer.Account.Actor, 5, CancellationToken.None)).Value;
        Assert.Equal("Code HALF · 50% off · until Mar 1, 2027", overview.Discount!.Describe(at => ApexAgent.Portal.Components.Shared.PortalFormat.Date(at, "UTC")));

        await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/resume"));
        Assert.Equal("forever", (await DiscountAsync(customer)).GetProperty("duration").GetString());
        Assert.Equal(JsonValueKind.Null, (await DiscountAsync(customer)).GetProperty("endsAt").ValueKind);

        // Only people who may read billing see it; another organisation sees its own (none).
        var stranger = await BillingApiClient.CreateAsync(factory);
        Assert.Equal(JsonValueKind.Null, (await stranger.GetAsync("/api/v1/subscription")).GetProperty("discount").ValueKind);
        using var keyless = factory.ApiClient((await factory.IssueKeyAsync(customer.Account, [Permission.ApiKeysRead])).Secret.Plaintext);
        await ProblemAssert.IsProblemAsync(await keyless.GetAsync("/api/v1/subscription"), HttpStatusCode.Forbidden, "insufficient_scope");
    }

    private static string ActiveSummary(DateTimeOffset endsAt) =>
        new ApexAgent.Portal.Features.Discounts.ActiveDiscount("SPRING25", "25% off", ApexAgent.Domain.Discounts.DiscountKind.Percent, 25, null, null, ApexAgent.Domain.Discounts.DiscountDuration.Repeating, 0, endsAt, ApexAgent.Domain.Subscriptions.BillingCycle.Monthly)
            .Describe(at => at.UtcDateTime.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<HttpClient> StaffAsync(PortalFactory factory)
    {
        var staff = await factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        return factory.ApiClient((await factory.IssueKeyAsync(staff, [Permission.DiscountsManage])).Secret.Plaintext);
    }

    private static async Task CreateAsync(HttpClient staff, object body)
    {
        var created = await staff.PostAsJsonAsync("/api/v1/admin/discounts", body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    private static async Task<BillingApiClient> SubscribedAsync(PortalFactory factory, string? code)
    {
        var customer = await BillingApiClient.CreateAsync(factory);
        await customer.AddCardAsync();
        var body = code is null ? """{ "tier": "pro", "cycle": "monthly" }""" : $$"""{ "tier": "pro", "cycle": "monthly", "discountCode": "{{code}}" }""";
        await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/change", body));
        return customer;
    }

    private static async Task<JsonElement> DiscountAsync(BillingApiClient customer)
    {
        var discount = (await customer.GetAsync("/api/v1/subscription")).GetProperty("discount");
        Assert.Equal(JsonValueKind.Object, discount.ValueKind);
        return discount;
    }
}
