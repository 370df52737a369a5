using System.Net;
using System.Text;
using System.Text.Json;
using ApexAgent.Domain.Catalog;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing;

/// <summary>Choosing, paying for, changing and cancelling a plan through the API, and reading the invoices it leaves.</summary>
public sealed class BillingApiTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task A_free_account_subscribes_to_pro_with_a_sandbox_card_and_gets_the_first_paid_invoice_of_the_year()
    {
        await using var fresh = new PortalFactory(); // its own database, so this is the first invoice numbered here
        var customer = await BillingApiClient.CreateAsync(fresh);

        var token = await customer.OkAsync(await customer.PostAsync("/api/v1/sandbox/card-tokens", $$"""{ "number": "4242 4242 4242 4242", "expMonth": 12, "expYear": {{fresh.Now.Year + 2}}, "cvc": "123" }"""), HttpStatusCode.Created);
        Assert.StartsWith("sbx_pm_", token.GetProperty("token").GetString(), StringComparison.Ordinal);
        Assert.Equal("4242", token.GetProperty("last4").GetString());
        Assert.DoesNotContain("4242424242424242", token.ToString(), StringComparison.Ordinal);
        var method = await customer.OkAsync(await customer.PostAsync("/api/v1/payment-methods", $$"""{ "token": "{{token.GetProperty("token").GetString()}}", "makeDefault": true }"""), HttpStatusCode.Created);
        Assert.True(method.GetProperty("isDefault").GetBoolean());

        var quote = await customer.PreviewAsync("pro");
        Assert.Equal("subscribe", quote.GetProperty("kind").GetString());
        Assert.Equal("now", quote.GetProperty("timing").GetString());
        Assert.Equal(2000, BillingApiClient.Minor(quote.GetProperty("chargedNow")));
        Assert.Equal(quote.GetProperty("lines").EnumerateArray().Sum(l => BillingApiClient.Minor(l.GetProperty("amount"))), BillingApiClient.Minor(quote.GetProperty("subtotal")));
        Assert.True(quote.GetProperty("creditsChange").GetDecimal() > 0);

        var changed = await customer.OkAsync(await customer.ChangeAsync("pro"));

        var number = changed.GetProperty("invoiceNumber").GetString();
        Assert.Equal($"APX-{fresh.Now.Year}-000001", number);
        var invoice = await customer.GetAsync($"/api/v1/invoices/{changed.GetProperty("invoiceId").GetGuid()}");
        Assert.Equal(number, invoice.GetProperty("number").GetString());
        Assert.Equal("paid", invoice.GetProperty("status").GetString());
        Assert.Equal(2000, BillingApiClient.Minor(invoice.GetProperty("total")));
        Assert.Equal(0, BillingApiClient.Minor(invoice.GetProperty("amountDue")));
        var payment = Assert.Single(invoice.GetProperty("payments").EnumerateArray());
        Assert.Equal("succeeded", payment.GetProperty("status").GetString());
        var subscription = await customer.GetAsync("/api/v1/subscription");
        Assert.Equal("pro", subscription.GetProperty("tier").GetString());
        Assert.Equal("active", subscription.GetProperty("status").GetString());
        Assert.Equal(2000, BillingApiClient.Minor(subscription.GetProperty("nextRenewal").GetProperty("amount")));
        Assert.Equal("4242", subscription.GetProperty("defaultPaymentMethod").GetProperty("last4").GetString());
        Assert.Contains(subscription.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "subscribed");
        var payments = await customer.GetAsync("/api/v1/payments");
        Assert.Equal(1, payments.GetProperty("total").GetInt32());
        Assert.Equal(number, payments.GetProperty("items")[0].GetProperty("invoiceNumber").GetString());
    }

    [Fact]
    public async Task Upgrading_pro_to_team_charges_exactly_the_sum_of_the_previewed_lines()
    {
        var customer = await BillingApiClient.CreateAsync(Factory);
        await customer.SubscribeToProAsync();

        var quote = await customer.PreviewAsync("team", seats: 3);
        var lines = quote.GetProperty("lines").EnumerateArray().ToList();
        var changed = await customer.OkAsync(await customer.ChangeAsync("team", seats: 3));

        Assert.Equal("upgrade", quote.GetProperty("kind").GetString());
        Assert.Contains(lines, l => l.GetProperty("kind").GetString() == "unused_time" && BillingApiClient.Minor(l.GetProperty("amount")) < 0);
        Assert.Contains(lines, l => l.GetProperty("kind").GetString() == "remaining_time" && BillingApiClient.Minor(l.GetProperty("amount")) > 0);
        var charged = BillingApiClient.Minor(quote.GetProperty("chargedNow"));
        Assert.Equal(lines.Sum(l => BillingApiClient.Minor(l.GetProperty("amount"))) - BillingApiClient.Minor(quote.GetProperty("balanceApplied")), charged);
        Assert.True(charged > 0);
        Assert.Equal(12000, BillingApiClient.Minor(quote.GetProperty("nextRenewal").GetProperty("amount"))); // 3 seats × $40
        Assert.Equal(charged, BillingApiClient.Minor(changed.GetProperty("quote").GetProperty("chargedNow")));
        var invoice = await customer.GetAsync($"/api/v1/invoices/{changed.GetProperty("invoiceId").GetGuid()}");
        Assert.Equal(charged, BillingApiClient.Minor(invoice.GetProperty("total")));
        Assert.Equal("paid", invoice.GetProperty("status").GetString());
        var subscription = await customer.GetAsync("/api/v1/subscription");
        Assert.Equal("team", subscription.GetProperty("tier").GetString());
        Assert.Equal(3, subscription.GetProperty("seats").GetInt32());
    }

    [Fact]
    public async Task A_declined_card_is_a_payment_failed_conflict_and_nothing_changes()
    {
        var customer = await BillingApiClient.CreateAsync(Factory);
        await customer.AddCardAsync(BillingApiClient.DeclinedCard);
        var before = await customer.BooksAsync();

        var response = await customer.ChangeAsync("pro");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "payment_failed");
        Assert.Equal(before, await customer.BooksAsync());
        Assert.Equal("free", (await customer.GetAsync("/api/v1/subscription")).GetProperty("tier").GetString());
        Assert.Equal(0, (await customer.GetAsync("/api/v1/invoices")).GetProperty("total").GetInt32());
        var failed = Assert.Single((await customer.GetAsync("/api/v1/payments")).GetProperty("items").EnumerateArray());
        Assert.Equal("failed", failed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_paid_plan_needs_a_payment_method()
    {
        var customer = await BillingApiClient.CreateAsync(Factory);
        var before = await customer.BooksAsync();

        await ProblemAssert.IsProblemAsync(await customer.ChangeAsync("pro"), HttpStatusCode.Conflict, "payment_method_required");
        Assert.Equal(before, await customer.BooksAsync());
    }

    [Fact]
    public async Task The_invoice_archive_filters_by_number_status_dates_and_amount_and_exports_the_same_rows()
    {
        var customer = await BillingApiClient.CreateAsync(Factory);
        var pro = (await customer.SubscribeToProAsync()).GetProperty("invoiceNumber").GetString()!;
        var team = (await customer.OkAsync(await customer.ChangeAsync("team", seats: 2))).GetProperty("invoiceNumber").GetString()!;
        var teamTotal = BillingApiClient.Minor((await customer.GetAsync($"/api/v1/invoices?number={team}")).GetProperty("items")[0].GetProperty("total"));
        var yesterday = Uri.EscapeDataString(Factory.Now.AddDays(-1).ToString("O"));
        var tomorrow = Uri.EscapeDataString(Factory.Now.AddDays(1).ToString("O"));

        Assert.Equal([team, pro], await NumbersAsync(""));
        Assert.Equal([pro], await NumbersAsync($"number={pro}"));
        Assert.Equal([pro], await NumbersAsync($"number={pro[^6..]}"));
        Assert.Equal([team, pro], await NumbersAsync("status=paid"));
        Assert.Empty(await NumbersAsync("status=open"));
        Assert.Empty(await NumbersAsync("kind=credit_note"));
        Assert.Equal([team, pro], await NumbersAsync($"from={yesterday}&to={tomorrow}"));
        Assert.Empty(await NumbersAsync($"from={tomorrow}"));
        Assert.Empty(await NumbersAsync($"to={yesterday}"));
        Assert.Equal([pro], await NumbersAsync("minAmount=20.00&maxAmount=20"));
        Assert.Equal([team], await NumbersAsync($"minAmount={(teamTotal / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}&maxAmount={((teamTotal + 1) / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}"));
        var paged = await customer.GetAsync("/api/v1/invoices?pageSize=1&page=2");
        Assert.Equal(2, paged.GetProperty("total").GetInt32());
        Assert.Equal(2, paged.GetProperty("page").GetInt32());
        Assert.Equal(pro, paged.GetProperty("items")[0].GetProperty("number").GetString());

        var export = await customer.Http.GetAsync("/api/v1/invoices/export?status=paid");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var rows = Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("number,kind,status,purpose,issued_at", rows[0], StringComparison.Ordinal);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith($"{pro},invoice,paid,first_period,", rows[1], StringComparison.Ordinal);
        Assert.Contains(",20.00,", rows[1], StringComparison.Ordinal);
        Assert.StartsWith($"{team},invoice,paid,plan_change,", rows[2], StringComparison.Ordinal);
        var one = await customer.Http.GetStringAsync($"/api/v1/invoices/export?number={team}");
        Assert.Equal(2, one.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(pro, one, StringComparison.Ordinal);

        async Task<List<string?>> NumbersAsync(string query) =>
            (await customer.GetAsync("/api/v1/invoices?" + query)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()).ToList();
    }

    [Fact]
    public async Task Cancelling_keeps_the_plan_to_the_period_end_and_resuming_undoes_it()
    {
        var customer = await BillingApiClient.CreateAsync(Factory);
        await customer.SubscribeToProAsync();

        var canceled = await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/cancel"));
        var whileCanceling = await customer.GetAsync("/api/v1/subscription");
        var again = await customer.PostAsync("/api/v1/subscription/cancel");
        var resumed = await customer.OkAsync(await customer.PostAsync("/api/v1/subscription/resume"));
        var after = await customer.GetAsync("/api/v1/subscription");

        Assert.Equal("cancellation_scheduled", canceled.GetProperty("kind").GetString());
        Assert.True(whileCanceling.GetProperty("cancelAtPeriodEnd").GetBoolean());
        Assert.Equal("pro", whileCanceling.GetProperty("tier").GetString());
        Assert.Equal(JsonValueKind.Null, whileCanceling.GetProperty("nextRenewal").ValueKind);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "already_canceling");
        Assert.Equal("resumed", resumed.GetProperty("kind").GetString());
        Assert.False(after.GetProperty("cancelAtPeriodEnd").GetBoolean());
        Assert.Equal(2000, BillingApiClient.Minor(after.GetProperty("nextRenewal").GetProperty("amount")));
        await ProblemAssert.IsProblemAsync(await customer.PostAsync("/api/v1/subscription/resume"), HttpStatusCode.Conflict, "nothing_to_resume");
        var kinds = after.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["resumed", "cancellation_scheduled", "subscribed"], kinds.Take(3));
    }

    [Fact]
    public async Task The_last_payment_method_of_a_paid_plan_stays_and_the_default_can_move()
    {
        var customer = await BillingApiClient.CreateAsync(Factory);
        await customer.SubscribeToProAsync();
        var first = (await customer.GetAsync("/api/v1/payment-methods"))[0].GetProperty("id").GetGuid();

        await ProblemAssert.IsProblemAsync(await customer.Http.DeleteAsync($"/api/v1/payment-methods/{first}"), HttpStatusCode.Conflict, "last_payment_method");
        var second = await customer.AddCardAsync(makeDefault: false);
        Assert.False(second.GetProperty("isDefault").GetBoolean());
        var madeDefault = await customer.OkAsync(await customer.PostAsync($"/api/v1/payment-methods/{second.GetProperty("id").GetGuid()}/default"));
        Assert.True(madeDefault.GetProperty("isDefault").GetBoolean());
        var listed = (await customer.GetAsync("/api/v1/payment-methods")).EnumerateArray().ToList();
        Assert.Equal(second.GetProperty("id").GetGuid(), Assert.Single(listed, m => m.GetProperty("isDefault").GetBoolean()).GetProperty("id").GetGuid());

        Assert.Equal(HttpStatusCode.NoContent, (await customer.Http.DeleteAsync($"/api/v1/payment-methods/{first}")).StatusCode);
        Assert.Single((await customer.GetAsync("/api/v1/payment-methods")).EnumerateArray());
        await ProblemAssert.IsProblemAsync(await customer.Http.DeleteAsync($"/api/v1/payment-methods/{first}"), HttpStatusCode.NotFound, "payment_method_not_found");
        await ProblemAssert.IsProblemAsync(await customer.Http.DeleteAsync($"/api/v1/payment-methods/{second.GetProperty("id").GetGuid()}"), HttpStatusCode.Conflict, "last_payment_method");
    }

    [Fact]
    public async Task Plans_list_every_tier_with_prices_per_cycle_as_api_money()
    {
        var plans = (await BillingApiClient.CreateAsync(Factory)).Http;

        var body = JsonDocument.Parse(await Factory.ApiClient().GetStringAsync("/api/v1/plans")).RootElement.EnumerateArray().ToDictionary(p => p.GetProperty("tier").GetString()!);

        Assert.Equal(["free", "pro", "team", "enterprise"], body.Keys);
        Assert.Equal(2000, BillingApiClient.Minor(body["pro"].GetProperty("monthlyPrice")));
        Assert.Equal(20000, BillingApiClient.Minor(body["pro"].GetProperty("annualPrice")));
        Assert.Equal(2, body["team"].GetProperty("minSeats").GetInt32());
        Assert.True(body["team"].GetProperty("pricedPerSeat").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body["enterprise"].GetProperty("monthlyPrice").ValueKind); // annual contract only
        Assert.Equal(5000m, body["pro"].GetProperty("baseCredits").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, (await plans.GetAsync("/api/v1/plans")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_billing_endpoints_and_documents_money_as_a_decimal_string()
    {
        var document = JsonDocument.Parse(await Factory.ApiClient().GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");

        foreach (var path in new[] { "/api/v1/plans", "/api/v1/subscription", "/api/v1/subscription/preview", "/api/v1/subscription/change", "/api/v1/subscription/cancel",
                     "/api/v1/subscription/resume", "/api/v1/invoices", "/api/v1/invoices/{id}", "/api/v1/invoices/export", "/api/v1/payments", "/api/v1/payment-methods",
                     "/api/v1/payment-methods/{id}/default", "/api/v1/payment-methods/{id}", "/api/v1/sandbox/card-tokens", "/api/v1/test-clock", "/api/v1/test-clock/advance" })
        {
            Assert.True(document.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }

        Assert.Equal(0, document.GetProperty("/api/v1/plans").GetProperty("get").GetProperty("security").GetArrayLength());
        Assert.Contains("\"amount\": \"41.29\"", document.GetProperty("/api/v1/subscription/preview").GetProperty("post").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"amount\": \"41.29\"", document.GetProperty("/api/v1/invoices").GetProperty("get").GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_invoice_and_payment_methods_are_not_found_and_nothing_changes()
    {
        var owner = await BillingApiClient.CreateAsync(Factory);
        var invoiceId = (await owner.SubscribeToProAsync()).GetProperty("invoiceId").GetGuid();
        var methodId = (await owner.GetAsync("/api/v1/payment-methods"))[0].GetProperty("id").GetGuid();
        var stranger = await BillingApiClient.CreateAsync(Factory);
        await stranger.AddCardAsync();
        var ownersBooks = await owner.BooksAsync();
        var strangersBooks = await stranger.BooksAsync();

        await ProblemAssert.IsProblemAsync(await stranger.Http.GetAsync($"/api/v1/invoices/{invoiceId}"), HttpStatusCode.NotFound, "invoice_not_found");
        await ProblemAssert.IsProblemAsync(await stranger.PostAsync($"/api/v1/payment-methods/{methodId}/default"), HttpStatusCode.NotFound, "payment_method_not_found");
        await ProblemAssert.IsProblemAsync(await stranger.Http.DeleteAsync($"/api/v1/payment-methods/{methodId}"), HttpStatusCode.NotFound, "payment_method_not_found");
        Assert.Equal(0, (await stranger.GetAsync("/api/v1/invoices")).GetProperty("total").GetInt32());
        Assert.Empty((await stranger.GetAsync("/api/v1/payments")).GetProperty("items").EnumerateArray());
        var export = await stranger.Http.GetStringAsync("/api/v1/invoices/export");
        Assert.Single(export.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)); // the header only

        Assert.Equal(ownersBooks, await owner.BooksAsync());
        Assert.Equal(strangersBooks, await stranger.BooksAsync());
        Assert.True(await Factory.WithDbAsync(db => db.PaymentMethods.AnyAsync(m => m.Id == methodId)));
    }
}
