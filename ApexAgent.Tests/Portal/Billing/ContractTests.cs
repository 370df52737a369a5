using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Subscriptions;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.Portal.Billing;

/// <summary>Enterprise contracts: set up by staff, invoiced net 30 instead of charged, paid by transfer, renewed by invoice.</summary>
public sealed class ContractTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private readonly PortalFactory factory;

    public ContractTests() => factory = new PortalFactory(clock: clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task A_contract_is_invoiced_net_30_paid_by_transfer_and_renewed_by_invoice_without_a_charge()
    {
        var customer = await factory.CreateAccountAsync();
        var staff = await factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var key = await factory.IssueKeyAsync(staff, [Permission.BillingOperate]);
        using var client = factory.ApiClient(key.Secret.Plaintext);

        var started = await client.PostAsJsonAsync("/api/v1/admin/billing/contracts", new
        {
            organizationId = customer.OrganizationId, seats = 25, annualPrice = new { amount = "150000.00", currency = "USD" }, paymentTermsDays = 30,
        });

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var invoice = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("open", invoice.GetProperty("status").GetString());
        Assert.Equal("150000.00", invoice.GetProperty("total").GetProperty("amount").GetString());
        Assert.Equal(clock.GetUtcNow().AddDays(30), invoice.GetProperty("dueAt").GetDateTimeOffset());
        var subscription = await factory.WithDbAsync(db => db.Subscriptions.AsNoTracking().InForce().SingleAsync(s => s.OrganizationId == customer.OrganizationId));
        Assert.Equal((TierCode.Enterprise, 25, CollectionMethod.SendInvoice), (subscription.Tier, subscription.Seats, subscription.CollectionMethod));

        await RunBillingAsync();
        Assert.Equal(0, await factory.WithDbAsync(db => db.SandboxCharges.CountAsync()));

        var paid = await client.PostAsJsonAsync($"/api/v1/admin/billing/invoices/{invoice.GetProperty("id").GetGuid()}/transfers", new { reference = "WIRE-2026-0042" });
        Assert.Equal("paid", (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // Paid by transfer, it cannot be refunded to a card: the credit note is refused and nothing is written.
        var refund = await client.PostAsJsonAsync($"/api/v1/admin/billing/invoices/{invoice.GetProperty("id").GetGuid()}/credit-notes",
            new { amount = new { amount = "100.00", currency = "USD" }, reason = "Goodwill", refund = true });
        Assert.Equal(HttpStatusCode.Conflict, refund.StatusCode);
        Assert.Equal("nothing_to_refund", (await refund.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Invoices.CountAsync(i => i.Kind == InvoiceKind.CreditNote)));

        clock.Advance(TimeSpan.FromDays(366));
        await RunBillingAsync();
        var renewal = await factory.WithDbAsync(db => db.Invoices.AsNoTracking().SingleAsync(i => i.OrganizationId == customer.OrganizationId && i.Purpose == InvoicePurpose.Renewal));
        Assert.Equal((InvoiceStatus.Open, 15_000_000L, CollectionMethod.SendInvoice), (renewal.Status, renewal.TotalMinor, renewal.CollectionMethod));
        Assert.Equal(0, await factory.WithDbAsync(db => db.SandboxCharges.CountAsync()));
    }

    [Fact]
    public async Task Customers_cannot_set_up_contracts_and_a_paid_subscription_is_not_replaced()
    {
        var customer = await factory.CreateAccountAsync(TierCode.Pro);
        var staff = await factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var contracts = factory.Services.GetRequiredService<ContractService>();

        var bySelf = await contracts.StartAsync(customer.Actor, new ContractTerms(customer.OrganizationId, 20, 100_000_00), CancellationToken.None);
        var overPaid = await contracts.StartAsync(staff.Actor, new ContractTerms(customer.OrganizationId, 20, 100_000_00), CancellationToken.None);
        var tooFewSeats = await contracts.StartAsync(staff.Actor, new ContractTerms(staff.OrganizationId, 3, 100_000_00), CancellationToken.None);

        Assert.Equal("forbidden", bySelf.Error?.Code);
        Assert.Equal("subscription_active", overPaid.Error?.Code);
        Assert.Equal("validation_failed", tooFewSeats.Error?.Code);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Invoices.CountAsync()));
    }

    private async Task RunBillingAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BillingRun>().RunAsync(CancellationToken.None);
    }
}
