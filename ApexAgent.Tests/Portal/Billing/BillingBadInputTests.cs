using System.Net;
using System.Text;
using ApexAgent.Domain.Catalog;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing;

/// <summary>Malformed and hostile input to the billing API: a 4xx problem with a code, never a 500, and nothing stored changes.</summary>
public sealed class BillingBadInputTests(SharedPortal portal) : IClassFixture<SharedPortal>
{
    private const string Change = "/api/v1/subscription/change";
    private const string Preview = "/api/v1/subscription/preview";
    private const string Cards = "/api/v1/sandbox/card-tokens";

    public static TheoryData<string, string, string?, int, string?> Cases => new()
    {
        // method, path, JSON body (null: none), expected status, expected code (null: any)
        { "POST", Change, "{ not json", 400, "malformed_json" },
        { "POST", Change, "", 400, null },
        { "POST", Change, "[]", 400, "malformed_json" },
        { "POST", Change, "null", 400, null },
        { "POST", Change, """{ "tier": "team", "cycle": "monthly", "seats": 3, "discount": 100 }""", 400, "malformed_json" },
        { "POST", Change, """{ "tier": "gold", "cycle": "monthly" }""", 400, "malformed_json" },
        { "POST", Change, """{ "tier": 2, "cycle": "monthly" }""", 400, "malformed_json" },
        { "POST", Change, """{ "tier": "t eam", "cycle": "monthly", "seats": 3 }""", 400, "malformed_json" },
        { "POST", Change, """{ "tier": "team", "cycle": "weekly" }""", 400, "malformed_json" },
        { "POST", Change, """{ "tier": "team", "cycle": "monthly", "seats": "three" }""", 400, "malformed_json" },
        { "POST", Change, """{ "tier": "team", "cycle": "monthly", "seats": 0 }""", 400, "validation_failed" },
        { "POST", Change, """{ "tier": "team", "cycle": "monthly", "seats": -3 }""", 400, "validation_failed" },
        { "POST", Change, """{ "tier": "team", "cycle": "monthly", "seats": 999999 }""", 400, "validation_failed" },
        { "POST", Change, """{ "tier": "pro", "cycle": "monthly", "seats": 999999 }""", 400, "validation_failed" },
        { "POST", Change, """{ "tier": "team", "cycle": "monthly", "seats": 99999999999 }""", 400, "malformed_json" },
        { "POST", Change, """{ "tier": "team", "cycle": "monthly", "seats": 1 }""", 400, "validation_failed" },
        { "POST", Change, """{ "cycle": "monthly" }""", 400, "validation_failed" },
        { "POST", Change, """{ "tier": "pro" }""", 400, "validation_failed" },
        { "POST", Change, """{ "tier": "enterprise", "cycle": "monthly", "seats": 10 }""", 400, "cycle_not_offered" },
        { "POST", Change, """{ "tier": "pro", "cycle": "monthly" }""", 409, "no_change" },
        { "POST", Preview, """{ "tier": "team", "cycle": "monthly", "seats": 0 }""", 400, "validation_failed" },
        { "POST", Preview, """{ "tier": "team", "cycle": "monthly", "applyNow": "yes" }""", 400, "malformed_json" },
        { "POST", "/api/v1/subscription/resume", null, 409, "nothing_to_resume" },
        { "GET", "/api/v1/invoices?pageSize=1000000", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?pageSize=99999999999", null, 400, "bad_request" },
        { "GET", "/api/v1/invoices?pageSize=0", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?page=0", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?page=-4", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?page=two", null, 400, "bad_request" },
        { "GET", "/api/v1/invoices?status=draft", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?status=1", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?status=PAID", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?kind=creditnote", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?minAmount=-1", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?minAmount=1e5", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?minAmount=20.001", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?maxAmount=99999999999999999999", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?minAmount=30&maxAmount=20", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?from=yesterday", null, 400, "bad_request" },
        { "GET", "/api/v1/invoices?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices?number=" + "APX-2026-0000000000000000000000000", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices/export?status=bogus", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices/export?minAmount=abc", null, 400, "validation_failed" },
        { "GET", "/api/v1/invoices/not-a-guid", null, 404, "not_found" },
        { "GET", "/api/v1/invoices/00000000-0000-0000-0000-000000000000", null, 404, "invoice_not_found" },
        { "GET", "/api/v1/invoices/0195f0e4-0000-7000-8000-000000000000", null, 404, "invoice_not_found" },
        { "GET", "/api/v1/payments?pageSize=101", null, 400, "validation_failed" },
        { "GET", "/api/v1/payments?page=0", null, 400, "validation_failed" },
        { "POST", "/api/v1/payment-methods", """{ "token": "" }""", 400, "validation_failed" },
        { "POST", "/api/v1/payment-methods", "{}", 400, "validation_failed" },
        { "POST", "/api/v1/payment-methods", """{ "token": "tok_visa" }""", 400, "payment_method_invalid" },
        { "POST", "/api/v1/payment-methods", """{ "token": 42 }""", 400, "malformed_json" },
        { "POST", "/api/v1/payment-methods", """{ "token": "sbx_pm_x", "number": "4242424242424242" }""", 400, "malformed_json" },
        { "POST", "/api/v1/payment-methods", "{ \"token\": \"" + new string('x', 500) + "\" }", 400, "validation_failed" },
        { "POST", "/api/v1/payment-methods/not-a-guid/default", null, 404, "not_found" },
        { "POST", "/api/v1/payment-methods/0195f0e4-0000-7000-8000-000000000000/default", null, 404, "payment_method_not_found" },
        { "DELETE", "/api/v1/payment-methods/0195f0e4-0000-7000-8000-000000000000", null, 404, "payment_method_not_found" },
        { "DELETE", "/api/v1/payment-methods/42", null, 404, "not_found" },
        { "POST", Cards, """{ "number": "4111111111111111", "expMonth": 12, "expYear": 2035, "cvc": "123" }""", 400, "sandbox_test_card_required" },
        { "POST", Cards, """{ "number": "5555 5555 5555 4444", "expMonth": 12, "expYear": 2035, "cvc": "123" }""", 400, "sandbox_test_card_required" },
        { "POST", Cards, """{ "number": "4242424242424241", "expMonth": 12, "expYear": 2035, "cvc": "123" }""", 400, "validation_failed" },
        { "POST", Cards, """{ "number": "1234", "expMonth": 12, "expYear": 2035, "cvc": "123" }""", 400, "validation_failed" },
        { "POST", Cards, """{ "number": "4242424242424242", "expMonth": 13, "expYear": 2035, "cvc": "123" }""", 400, "validation_failed" },
        { "POST", Cards, """{ "number": "4242424242424242", "expMonth": 12, "expYear": 2001, "cvc": "123" }""", 400, "validation_failed" },
        { "POST", Cards, """{ "number": "4242424242424242", "expMonth": 12, "expYear": 2035, "cvc": "12a" }""", 400, "validation_failed" },
        { "POST", Cards, """{ "number": "4242424242424242", "expMonth": "December", "expYear": 2035, "cvc": "123" }""", 400, "malformed_json" },
        { "POST", Cards, """{ "number": 4242424242424242, "expMonth": 12, "expYear": 2035, "cvc": "123" }""", 400, "malformed_json" },
        { "POST", Cards, "{}", 400, "validation_failed" },
        { "POST", "/api/v1/test-clock/advance", """{ "days": -1 }""", 403, "insufficient_scope" },
        { "PUT", "/api/v1/subscription", "{}", 405, "method_not_allowed" },
        { "DELETE", "/api/v1/invoices", null, 405, "method_not_allowed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_problem_with_a_code_and_changes_nothing(string method, string path, string? body, int status, string? code)
    {
        var customer = await BillingApiClient.CreateAsync(portal.Factory);
        await customer.SubscribeToProAsync();
        var before = await SnapshotAsync(customer);

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await customer.Http.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, (HttpStatusCode)status, code);
        var text = problem.ToString();
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ApexAgent.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4111111111111111", text, StringComparison.Ordinal);
        Assert.DoesNotContain("5555", text, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(customer));
    }

    [Fact]
    public async Task Validation_problems_name_the_fields()
    {
        var customer = await BillingApiClient.CreateAsync(portal.Factory, TierCode.Free);

        var response = await customer.PostAsync(Change, """{ "seats": 0 }""");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("tier", out _));
        Assert.True(errors.TryGetProperty("cycle", out _));
        Assert.True(errors.TryGetProperty("seats", out _));
    }

    private async Task<string> SnapshotAsync(BillingApiClient customer) =>
        await customer.BooksAsync() + await portal.Factory.WithDbAsync(async db =>
            $"|{await db.Invoices.CountAsync()}|{await db.PaymentMethods.CountAsync()}|{await db.SubscriptionEvents.CountAsync()}|{await db.SandboxCharges.CountAsync()}");
}
