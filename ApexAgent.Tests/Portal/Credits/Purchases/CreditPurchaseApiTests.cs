using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Credits;
using ApexAgent.Portal.Features.Credits.Purchases;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Credits.Purchases;

/// <summary>The buying-credits API: packs, purchases, auto top-up and staff's bulk purchases, with their refusals.</summary>
public sealed class CreditPurchaseApiTests(PurchaseFixture portal) : IClassFixture<PurchaseFixture>
{
    private async Task<HttpClient> OwnerClientAsync(TestAccount owner) =>
        portal.Factory.ApiClient((await portal.Factory.IssueKeyAsync(owner, [Permission.CreditsRead, Permission.CreditsPurchase])).Secret.Plaintext);

    [Fact]
    public async Task Packs_are_listed_and_a_purchase_answers_201_with_the_invoice_the_grant_and_the_balance_once_per_idempotency_key()
    {
        var owner = await portal.OwnerAsync(tier: TierCode.Pro);
        using var client = await OwnerClientAsync(owner);

        var packs = await client.GetFromJsonAsync<JsonElement>("/api/v1/credits/packs");
        Assert.Equal(["pack-1000", "pack-5000", "pack-20000"], packs.EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal("9.00", packs[1].GetProperty("pricePerThousand").GetProperty("amount").GetString());

        var before = await portal.AvailableAsync(owner.OrganizationId);
        async Task<HttpResponseMessage> BuyAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/credits/purchases") { Content = JsonContent.Create(new { pack = "pack-5000" }) };
            request.Headers.Add("Idempotency-Key", "order-42");
            return await client.SendAsync(request);
        }

        var first = await BuyAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("APX-", body.GetProperty("invoice").GetProperty("number").GetString());
        Assert.Equal(5_000m, body.GetProperty("grant").GetProperty("credits").GetDecimal());
        Assert.Equal(before / 1_000m + 5_000m, body.GetProperty("balance").GetDecimal());
        Assert.Equal("45.00", body.GetProperty("price").GetProperty("amount").GetString());

        var again = await (await BuyAsync()).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(body.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.True(again.GetProperty("repeated").GetBoolean());
        Assert.Equal(1, await portal.ChargesOfAsync(owner.OrganizationId));
    }

    [Fact]
    public async Task A_decline_is_402_payment_failed_no_method_is_409_and_bad_input_is_400_with_nothing_stored()
    {
        var declined = await portal.OwnerAsync(BillingHarness.Declined, TierCode.Pro);
        using (var client = await OwnerClientAsync(declined))
        {
            var problem = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/credits/purchases", new { pack = "pack-1000" }), HttpStatusCode.PaymentRequired, "payment_failed");
            Assert.Contains("declined", problem.GetProperty("detail").GetString());
            Assert.Empty(await portal.GrantsOfAsync(declined.OrganizationId));
        }

        var noCard = await portal.OwnerAsync(card: null, TierCode.Pro);
        using (var client = await OwnerClientAsync(noCard))
        {
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/credits/purchases", new { pack = "pack-1000" }), HttpStatusCode.Conflict, "payment_method_required");
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/credits/purchases", new { pack = "pack-3" }), HttpStatusCode.BadRequest);
            await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync("/api/v1/credits/auto-top-up", new { enabled = true, threshold = 100, pack = "pack-1000", monthlyLimit = 11 }), HttpStatusCode.BadRequest);
            await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync("/api/v1/credits/auto-top-up", new { enabled = true, pack = "pack-1000" }), HttpStatusCode.BadRequest);
            Assert.Empty(await portal.PurchasesOfAsync(noCard.OrganizationId));
            Assert.False(await portal.DbAsync(db => db.CreditPools.AnyAsync(p => p.OrganizationId == noCard.OrganizationId)));
        }
    }

    [Fact]
    public async Task Auto_top_up_is_read_by_members_and_set_by_the_owner()
    {
        var owner = await portal.OwnerAsync(tier: TierCode.Pro);
        using var client = await OwnerClientAsync(owner);
        var saved = await client.PutAsJsonAsync("/api/v1/credits/auto-top-up", new { enabled = true, threshold = 200, pack = "pack-1000", monthlyLimit = 3 });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var read = await client.GetFromJsonAsync<JsonElement>("/api/v1/credits/auto-top-up");
        Assert.Equal((true, 200L, "pack-1000", 3), (read.GetProperty("enabled").GetBoolean(), read.GetProperty("threshold").GetInt64(), read.GetProperty("pack").GetString(), read.GetProperty("monthlyLimit").GetInt32()));
        Assert.Equal("Visa •••• 4242", read.GetProperty("paymentMethod").GetString());
    }

    [Fact]
    public async Task Members_and_admins_cannot_buy_or_change_auto_top_up()
    {
        var scenario = await OrganizationScenario.CreateAsync(portal.Factory, "Api Buyers");
        foreach (var person in new[] { scenario.Admin, scenario.SalesMember })
        {
            using var client = portal.Factory.ApiClient((await portal.Factory.IssueKeyAsync(person)).Secret.Plaintext);
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/credits/purchases", new { pack = "pack-1000" }), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync("/api/v1/credits/auto-top-up", new { enabled = false, threshold = 1, pack = "pack-1000", monthlyLimit = 1 }), HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/credits/auto-top-up")).StatusCode);
        }

        Assert.Empty(await portal.PurchasesOfAsync(scenario.OrganizationId));
    }

    [Fact]
    public async Task A_bulk_sale_retried_with_its_idempotency_key_answers_the_first_sale_and_sells_once()
    {
        var customer = await portal.OwnerAsync(card: null, TierCode.Enterprise);
        var staff = await portal.Factory.CreateAccountAsync(TierCode.Pro, PlatformRole.PlatformAdmin);
        using var client = portal.Factory.ApiClient((await portal.Factory.IssueKeyAsync(staff, [Permission.CreditsOperate])).Secret.Plaintext);
        var sale = new { organizationId = customer.OrganizationId, credits = 150_000, total = new { amount = "1050.00", currency = "USD" } };

        async Task<HttpResponseMessage> SellAsync(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/credits/bulk-purchases") { Content = JsonContent.Create(sale) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        var answers = await Task.WhenAll(SellAsync("po-7781"), SellAsync("po-7781"), SellAsync("po-7781"));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var invoices = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invoiceId").GetGuid()));
        Assert.Single(invoices.Distinct());
        Assert.Single(await portal.GrantsOfAsync(customer.OrganizationId));
        Assert.Equal(150_000_000, await portal.AvailableAsync(customer.OrganizationId));

        // Another key is another sale; a hostile key is refused and sells nothing.
        Assert.Equal(HttpStatusCode.Created, (await SellAsync("po-7782")).StatusCode);
        await ProblemAssert.IsProblemAsync(await SellAsync(new string('k', 101)), HttpStatusCode.BadRequest);
        Assert.Equal(2, (await portal.GrantsOfAsync(customer.OrganizationId)).Count);
        Assert.Equal(2, await portal.DbAsync(db => db.Invoices.CountAsync(i => i.OrganizationId == customer.OrganizationId)));
    }

    [Fact]
    public async Task A_bulk_purchase_is_invoiced_net_30_granted_at_once_and_clawed_back_when_the_invoice_is_voided()
    {
        var customer = await portal.OwnerAsync(card: null, TierCode.Enterprise);
        var staff = await portal.Factory.CreateAccountAsync(TierCode.Pro, PlatformRole.PlatformAdmin);
        using var client = portal.Factory.ApiClient((await portal.Factory.IssueKeyAsync(staff, [Permission.CreditsOperate, Permission.BillingOperate])).Secret.Plaintext);

        var sold = await client.PostAsJsonAsync("/api/v1/admin/credits/bulk-purchases", new
        {
            organizationId = customer.OrganizationId, credits = 200_000, pricePerThousand = new { amount = "7.50", currency = "USD" }, note = "PO 7781",
        });

        Assert.Equal(HttpStatusCode.Created, sold.StatusCode);
        var body = await sold.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("1500.00", body.GetProperty("total").GetProperty("amount").GetString());
        Assert.Equal(portal.Now.AddDays(30), body.GetProperty("dueAt").GetDateTimeOffset());
        var invoiceId = body.GetProperty("invoiceId").GetGuid();
        var invoice = await portal.DbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId));
        Assert.Equal((InvoiceStatus.Open, CollectionMethod.SendInvoice, InvoicePurpose.CreditPurchase), (invoice.Status, invoice.CollectionMethod, invoice.Purpose));
        var grant = Assert.Single(await portal.GrantsOfAsync(customer.OrganizationId));
        Assert.Equal((GrantKind.Purchased, 200_000_000L, portal.Now.AddMonths(12)), (grant.Kind, grant.Amount, grant.ExpiresAt));
        Assert.Equal(200_000_000, await portal.AvailableAsync(customer.OrganizationId));

        await portal.SpendAsync(customer.OrganizationId, 50_000);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/admin/billing/invoices/{invoiceId}/void", null)).StatusCode);
        await portal.Factory.Get<CreditPurchaseSweep>().RunAsync(CancellationToken.None);

        Assert.Equal(0, await portal.AvailableAsync(customer.OrganizationId));
        var after = Assert.Single(await portal.GrantsOfAsync(customer.OrganizationId));
        Assert.Equal(0, after.Remaining);
        var clawBack = await portal.DbAsync(db => db.CreditEntries.AsNoTracking().Where(e => e.GrantId == after.Id && e.Note.Contains("voided")).Select(e => e.Change).ToListAsync());
        Assert.Equal([-150_000_000L], clawBack); // the unused part only (this test's usage is a claw-back too)
        Assert.Equal(CreditPurchaseStatus.Voided, Assert.Single(await portal.PurchasesOfAsync(customer.OrganizationId)).Status);
    }

    [Fact]
    public async Task A_bulk_purchase_paid_by_transfer_keeps_its_credits()
    {
        var customer = await portal.OwnerAsync(card: null, TierCode.Enterprise);
        var staff = await portal.Factory.CreateAccountAsync(TierCode.Pro, PlatformRole.PlatformAdmin);
        using var client = portal.Factory.ApiClient((await portal.Factory.IssueKeyAsync(staff, [Permission.CreditsOperate, Permission.BillingOperate])).Secret.Plaintext);
        var sold = await (await client.PostAsJsonAsync("/api/v1/admin/credits/bulk-purchases", new
        {
            organizationId = customer.OrganizationId, credits = 100_000, total = new { amount = "700.00", currency = "USD" }, paymentTermsDays = 45,
        })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(portal.Now.AddDays(45), sold.GetProperty("dueAt").GetDateTimeOffset());

        await client.PostAsJsonAsync($"/api/v1/admin/billing/invoices/{sold.GetProperty("invoiceId").GetGuid()}/transfers", new { reference = "WIRE-1" });
        await portal.Factory.Get<CreditPurchaseSweep>().RunAsync(CancellationToken.None);

        Assert.Equal(CreditPurchaseStatus.Paid, Assert.Single(await portal.PurchasesOfAsync(customer.OrganizationId)).Status);
        Assert.Equal(100_000_000, await portal.AvailableAsync(customer.OrganizationId));
    }

    [Fact]
    public async Task Only_staff_sell_in_bulk_and_bad_bulk_input_is_refused_with_nothing_stored()
    {
        var customer = await portal.OwnerAsync(tier: TierCode.Pro);
        using (var own = await OwnerClientAsync(customer))
        {
            await ProblemAssert.IsProblemAsync(await own.PostAsJsonAsync("/api/v1/admin/credits/bulk-purchases", new
            {
                organizationId = customer.OrganizationId, credits = 100_000, total = new { amount = "1.00", currency = "USD" },
            }), HttpStatusCode.Forbidden);
        }

        var staff = await portal.Factory.CreateAccountAsync(TierCode.Pro, PlatformRole.PlatformAdmin);
        using var client = portal.Factory.ApiClient((await portal.Factory.IssueKeyAsync(staff, [Permission.CreditsOperate])).Secret.Plaintext);
        object[] bad =
        [
            new { organizationId = customer.OrganizationId, credits = 99_999, total = new { amount = "700.00", currency = "USD" } },
            new { organizationId = customer.OrganizationId, credits = 100_000 },
            new { organizationId = customer.OrganizationId, credits = 100_000, total = new { amount = "700.00", currency = "USD" }, pricePerThousand = new { amount = "7.00", currency = "USD" } },
            new { organizationId = customer.OrganizationId, credits = 100_000, total = new { amount = "-5.00", currency = "USD" } },
            new { organizationId = customer.OrganizationId, credits = 100_000, total = new { amount = "7.001", currency = "USD" } },
            new { organizationId = customer.OrganizationId, credits = 100_000, total = new { amount = "700.00", currency = "EUR" } },
            new { organizationId = customer.OrganizationId, credits = 100_000, total = new { amount = "700.00", currency = "USD" }, paymentTermsDays = 500 },
        ];
        foreach (var body in bad)
        {
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/admin/credits/bulk-purchases", body), HttpStatusCode.BadRequest);
        }

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/admin/credits/bulk-purchases", new
        {
            organizationId = Guid.NewGuid(), credits = 100_000, total = new { amount = "700.00", currency = "USD" },
        }), HttpStatusCode.NotFound);
        Assert.Empty(await portal.PurchasesOfAsync(customer.OrganizationId));
        Assert.Empty(await portal.GrantsOfAsync(customer.OrganizationId));
        Assert.Equal(0, await portal.DbAsync(db => db.Invoices.CountAsync(i => i.OrganizationId == customer.OrganizationId)));
    }
}
