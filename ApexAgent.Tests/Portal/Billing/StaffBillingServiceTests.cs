using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace ApexAgent.Tests.Portal.Billing;

/// <summary>The staff read side of billing: any organisation found by name or owner, its plan, balance and documents; nobody else may read it.</summary>
public sealed class StaffBillingServiceTests : IAsyncLifetime
{
    private readonly BillingHarness billing = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
    private StaffBillingService staffBilling = default!;
    private ContractService contracts = default!;
    private CreditNoteService creditNotes = default!;

    public Task InitializeAsync()
    {
        staffBilling = billing.Factory.Get<StaffBillingService>();
        contracts = billing.Factory.Get<ContractService>();
        creditNotes = billing.Factory.Get<CreditNoteService>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await billing.DisposeAsync();

    [Fact]
    public async Task Staff_find_an_organisation_by_its_name_or_its_owners_email_with_the_plan_in_force()
    {
        var customer = await billing.Factory.CreateAccountAsync();
        await billing.Factory.CreateAccountAsync(); // another organisation that must not match
        var staff = await billing.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var name = await billing.DbAsync(db => db.Organizations.Where(o => o.Id == customer.OrganizationId).Select(o => o.Name).SingleAsync());
        var unique = customer.Email.Split('@')[0]; // user-<guid>

        var byEmail = await staffBilling.SearchAsync(staff.Actor, customer.Email.ToUpperInvariant(), CancellationToken.None);
        var byName = await staffBilling.SearchAsync(staff.Actor, name[..^3], CancellationToken.None);
        var byPart = await staffBilling.SearchAsync(staff.Actor, unique, CancellationToken.None);
        var tooShort = await staffBilling.SearchAsync(staff.Actor, "u", CancellationToken.None);

        var found = Assert.Single(byEmail.Value);
        Assert.Equal((customer.OrganizationId, name, customer.Email), (found.OrganizationId, found.Name, found.OwnerEmail));
        Assert.Equal((TierCode.Free, SubscriptionStatus.Active, false), (found.Tier, found.Status, found.IsContract));
        Assert.Equal(customer.OrganizationId, Assert.Single(byName.Value).OrganizationId);
        Assert.Equal(customer.OrganizationId, Assert.Single(byPart.Value).OrganizationId);
        Assert.Empty(tooShort.Value);

        await contracts.StartAsync(staff.Actor, new ContractTerms(customer.OrganizationId, 12, 72_000_00), CancellationToken.None);
        var afterContract = Assert.Single((await staffBilling.SearchAsync(staff.Actor, customer.Email, CancellationToken.None)).Value);
        Assert.Equal((TierCode.Enterprise, CollectionMethod.SendInvoice, true), (afterContract.Tier, afterContract.CollectionMethod, afterContract.IsContract));
    }

    [Fact]
    public async Task A_search_returns_at_most_twenty_organisations()
    {
        var staff = await billing.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        for (var i = 0; i < StaffBillingService.MaxResults + 2; i++)
        {
            await billing.Factory.CreateAccountAsync(email: $"bulk-{i:D2}-{Guid.NewGuid():N}@many.example.test");
        }

        var found = await staffBilling.SearchAsync(staff.Actor, "@many.example", CancellationToken.None);

        Assert.Equal(StaffBillingService.MaxResults, found.Value.Count);
    }

    [Fact]
    public async Task Staff_see_another_organisations_contract_balance_and_documents_newest_first_in_pages_of_25()
    {
        var customer = await billing.Factory.CreateAccountAsync();
        var staff = await billing.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var invoice = (await contracts.StartAsync(staff.Actor, new ContractTerms(customer.OrganizationId, 12, 72_000_00, 45), CancellationToken.None)).Value;

        var open = (await staffBilling.GetAsync(staff.Actor, customer.OrganizationId, 0, CancellationToken.None)).Value;
        Assert.Equal("Enterprise (annual, 12 seats)", open.Plan);
        Assert.Equal((72_000_00L, 45, CollectionMethod.SendInvoice), (open.ContractPrice?.Minor, open.PaymentTermsDays, open.CollectionMethod));
        Assert.False(open.CanStartContract);
        Assert.Equal(72_000_00L, open.AmountDue.Minor);
        var row = Assert.Single(open.Invoices);
        Assert.Equal((invoice.Number, InvoiceStatus.Open, 72_000_00L, 72_000_00L, billing.Now.AddDays(45)), (row.Number, row.Status, row.Total.Minor, row.AmountDue.Minor, row.DueAt));
        Assert.Equal(0, row.Creditable.Minor);

        await contracts.RecordTransferAsync(staff.Actor, invoice.Id, "WIRE-1", CancellationToken.None);
        for (var i = 0; i < StaffBillingService.PageSize; i++)
        {
            billing.Clock.Advance(TimeSpan.FromMinutes(1));
            var note = await creditNotes.IssueAsync(staff.Actor, invoice.Id, 1_00, $"Goodwill {i}", refund: false, CancellationToken.None);
            Assert.True(note.IsSuccess, note.Error?.Message);
        }

        var first = (await staffBilling.GetAsync(staff.Actor, customer.OrganizationId, 0, CancellationToken.None)).Value;
        var second = (await staffBilling.GetAsync(staff.Actor, customer.OrganizationId, 1, CancellationToken.None)).Value;

        Assert.Equal(StaffBillingService.PageSize + 1, first.InvoiceCount);
        Assert.Equal(StaffBillingService.PageSize, first.Invoices.Count);
        Assert.All(first.Invoices, i => Assert.Equal(InvoiceKind.CreditNote, i.Kind));
        Assert.Equal("Goodwill 24", first.Invoices[0].Memo);
        Assert.Equal(first.Invoices.OrderByDescending(i => i.IssuedAt).Select(i => i.Number), first.Invoices.Select(i => i.Number));
        var paid = Assert.Single(second.Invoices);
        Assert.Equal((invoice.Number, InvoiceStatus.Paid, 0L), (paid.Number, paid.Status, paid.AmountDue.Minor));
        Assert.Equal(72_000_00L - 25_00, paid.Creditable.Minor);
        Assert.False(paid.Refundable); // paid by transfer: credit the balance, there is no card charge to refund
        Assert.Equal(25_00L, first.AccountBalance.Minor);
        Assert.Equal(0L, first.AmountDue.Minor);
    }

    [Fact]
    public async Task An_invoice_paid_by_card_can_be_refunded_and_a_free_organisation_can_start_a_contract()
    {
        var customer = await billing.CustomerAsync();
        var staff = await billing.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var free = (await staffBilling.GetAsync(staff.Actor, customer.OrganizationId, 0, CancellationToken.None)).Value;
        Assert.True(free.CanStartContract);
        Assert.Null(free.ContractPrice);
        Assert.Empty(free.Invoices);
        Assert.Equal(10, free.EnterpriseMinSeats);

        await billing.ChangeAsync(customer.Actor, TierCode.Pro);
        var pro = (await staffBilling.GetAsync(staff.Actor, customer.OrganizationId, 0, CancellationToken.None)).Value;

        Assert.Equal((TierCode.Pro, CollectionMethod.ChargeAutomatically), (pro.Tier, pro.CollectionMethod));
        Assert.False(pro.CanStartContract);
        var paid = Assert.Single(pro.Invoices);
        Assert.Equal((InvoiceStatus.Paid, true, 20_00L), (paid.Status, paid.Refundable, paid.Creditable.Minor));
    }

    [Fact]
    public async Task Customers_and_support_staff_are_refused_even_for_their_own_organisation()
    {
        var owner = await billing.Factory.CreateAccountAsync(TierCode.Pro);
        var support = await billing.Factory.CreateAccountAsync(role: PlatformRole.Support);
        var other = await billing.Factory.CreateAccountAsync();

        foreach (var actor in new[] { owner.Actor, support.Actor })
        {
            Assert.Equal("forbidden", (await staffBilling.SearchAsync(actor, other.Email, CancellationToken.None)).Error?.Code);
            Assert.Equal("forbidden", (await staffBilling.GetAsync(actor, other.OrganizationId, 0, CancellationToken.None)).Error?.Code);
            Assert.Equal("forbidden", (await staffBilling.GetAsync(actor, actor.OrganizationId, 0, CancellationToken.None)).Error?.Code);
        }
    }

    [Fact]
    public async Task An_unknown_organisation_or_a_negative_page_is_an_error_not_an_empty_view()
    {
        var staff = await billing.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);

        Assert.Equal("organization_not_found", (await staffBilling.GetAsync(staff.Actor, Guid.NewGuid(), 0, CancellationToken.None)).Error?.Code);
        Assert.Equal("validation_failed", (await staffBilling.GetAsync(staff.Actor, staff.OrganizationId, -1, CancellationToken.None)).Error?.Code);
    }
}
