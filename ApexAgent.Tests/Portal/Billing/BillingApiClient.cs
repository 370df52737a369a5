using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApexAgent.Domain.Catalog;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing;

/// <summary>A customer driving billing through the API with a key carrying every scope they hold.</summary>
public sealed class BillingApiClient(PortalFactory factory, TestAccount account, HttpClient http)
{
    public const string GoodCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";

    public TestAccount Account => account;

    public HttpClient Http => http;

    public static async Task<BillingApiClient> CreateAsync(PortalFactory factory, TierCode tier = TierCode.Free)
    {
        var account = await factory.CreateAccountAsync(tier);
        return await ForAsync(factory, account);
    }

    public static async Task<BillingApiClient> ForAsync(PortalFactory factory, TestAccount account) =>
        new(factory, account, factory.ApiClient((await factory.IssueKeyAsync(account)).Secret.Plaintext));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public Task<HttpResponseMessage> PostAsync(string path, string json = "{}") => http.PostAsync(path, Json(json));

    public async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public async Task<JsonElement> GetAsync(string path) => await OkAsync(await http.GetAsync(path));

    /// <summary>Tokenises a test card through the sandbox endpoint and saves it; returns the saved method.</summary>
    public async Task<JsonElement> AddCardAsync(string number = GoodCard, bool makeDefault = true)
    {
        var token = await OkAsync(await PostAsync("/api/v1/sandbox/card-tokens", $$"""{ "number": "{{number}}", "expMonth": 12, "expYear": {{factory.Now.Year + 3}}, "cvc": "123" }"""), HttpStatusCode.Created);
        return await OkAsync(await PostAsync("/api/v1/payment-methods", $$"""{ "token": "{{token.GetProperty("token").GetString()}}", "makeDefault": {{(makeDefault ? "true" : "false")}} }"""), HttpStatusCode.Created);
    }

    public Task<HttpResponseMessage> ChangeAsync(string tier, string cycle = "monthly", int seats = 1, bool applyNow = false) =>
        PostAsync("/api/v1/subscription/change", $$"""{ "tier": "{{tier}}", "cycle": "{{cycle}}", "seats": {{seats}}, "applyNow": {{(applyNow ? "true" : "false")}} }""");

    public async Task<JsonElement> PreviewAsync(string tier, string cycle = "monthly", int seats = 1) =>
        await OkAsync(await PostAsync("/api/v1/subscription/preview", $$"""{ "tier": "{{tier}}", "cycle": "{{cycle}}", "seats": {{seats}} }"""));

    /// <summary>Subscribes to Pro monthly with a good card; returns the change's answer.</summary>
    public async Task<JsonElement> SubscribeToProAsync()
    {
        await AddCardAsync();
        return await OkAsync(await ChangeAsync("pro"));
    }

    /// <summary>What a failed or refused request must leave as it was: the plan, numbered invoices, balance and methods.</summary>
    public Task<string> BooksAsync() => factory.WithDbAsync(async db =>
    {
        var id = account.OrganizationId;
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.OrganizationId == id).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Tier, s.Status, s.Cycle, s.Seats, s.CancelAtPeriodEnd, s.ScheduledTier, s.CurrentPeriodEnd }).ToListAsync();
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.OrganizationId == id && i.Number != null).OrderBy(i => i.Number)
            .Select(i => new { i.Number, i.Status, i.TotalMinor, i.AmountPaidMinor }).ToListAsync();
        var balance = await db.AccountBalanceEntries.AsNoTracking().Where(e => e.OrganizationId == id).SumAsync(e => e.AmountMinor);
        var methods = await db.PaymentMethods.AsNoTracking().Where(m => m.OrganizationId == id).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
        var preferred = await db.BillingAccounts.AsNoTracking().Where(a => a.OrganizationId == id).Select(a => a.DefaultPaymentMethodId).FirstOrDefaultAsync();
        return JsonSerializer.Serialize(new { subscriptions, invoices, balance, methods, preferred });
    });

    public static long Minor(JsonElement money)
    {
        Assert.Equal("USD", money.GetProperty("currency").GetString());
        var amount = money.GetProperty("amount").GetString()!;
        Assert.Matches("^-?[0-9]+\\.[0-9]{2}$", amount);
        return (long)(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) * 100);
    }
}
