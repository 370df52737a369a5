using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.Sandbox;
using ApexAgent.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace ApexAgent.Tests.Portal.Billing;

/// <summary>Real invoices and credit notes, rendered to PDF and read back.</summary>
public sealed class InvoicePdfTests : IAsyncLifetime
{
    private readonly PortalFactory factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task An_upgrade_invoice_shows_its_number_prorated_lines_totals_and_payment()
    {
        var customer = await SubscribedAsync(TierCode.Pro);
        var upgrade = await Service<PlanChangeService>().ConfirmAsync(customer.Actor, new PlanChangeRequest(TierCode.Team, BillingCycle.Monthly, 2), CancellationToken.None);
        Assert.True(upgrade.IsSuccess, upgrade.Error?.Message);
        var detail = (await Service<InvoiceArchive>().GetAsync(customer.Actor, upgrade.Value.InvoiceId!.Value, CancellationToken.None)).Value;

        var text = await PdfTextAsync(customer, detail.Invoice.Id);

        Assert.Contains("Invoice", text);
        Assert.Contains(detail.Invoice.Number!, text);
        Assert.Matches(@"APX-\d{4}-000002", detail.Invoice.Number);
        foreach (var line in detail.Invoice.Lines)
        {
            Assert.Contains(line.Description, text);
            Assert.Contains(line.Amount(detail.Invoice.Currency).Format(), text);
        }

        Assert.Contains(detail.Invoice.Total.Format(), text);
        Assert.Contains("Paid on", text);
        Assert.Contains("Visa •••• 4242", text);
    }

    [Fact]
    public async Task A_refund_produces_a_credit_note_whose_pdf_shows_the_refund()
    {
        var customer = await SubscribedAsync(TierCode.Pro);
        var invoice = Assert.Single((await Service<InvoiceArchive>().SearchAsync(customer.Actor, new InvoiceSearch(), CancellationToken.None)).Value.Items);
        var staff = await factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);

        var note = await Service<CreditNoteService>().IssueAsync(staff.Actor, invoice.Id, 500, "Service outage on 3 May", refund: true, CancellationToken.None);

        Assert.True(note.IsSuccess, note.Error?.Message);
        Assert.Matches(@"CN-\d{4}-000001", note.Value.Number);
        var text = await PdfTextAsync(customer, note.Value.Id);
        Assert.Contains("Credit note", text);
        Assert.Contains(note.Value.Number, text);
        Assert.Contains(invoice.Number, text);
        Assert.Contains("$5.00", text);
        Assert.Contains("Refunded to Visa •••• 4242", text);
        var refunds = await factory.WithDbAsync(db => Task.FromResult(db.SandboxCharges.Count(c => c.RefundOf != null && c.AmountMinor == 500)));
        Assert.Equal(1, refunds);
    }

    [Fact]
    public async Task Another_organisation_cannot_download_the_pdf()
    {
        var customer = await SubscribedAsync(TierCode.Pro);
        var invoice = Assert.Single((await Service<InvoiceArchive>().SearchAsync(customer.Actor, new InvoiceSearch(), CancellationToken.None)).Value.Items);
        var stranger = await factory.CreateAccountAsync();
        using var client = await factory.SignedInClientAsync(stranger.UserId);

        var response = await client.GetAsync($"/billing/invoices/{invoice.Id}/pdf");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> PdfTextAsync(TestAccount customer, Guid invoiceId)
    {
        using var client = await factory.SignedInClientAsync(customer.UserId);
        var response = await client.GetAsync($"/billing/invoices/{invoiceId}/pdf");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private async Task<TestAccount> SubscribedAsync(TierCode tier)
    {
        var customer = await factory.CreateAccountAsync();
        var card = SandboxCardVault.Tokenise("4242424242424242", 12, factory.Now.Year + 2, "123", factory.Now).Value;
        Assert.True((await Service<PaymentMethodService>().AddAsync(customer.Actor, card.Token, true, CancellationToken.None)).IsSuccess);
        var subscribed = await Service<PlanChangeService>().ConfirmAsync(customer.Actor, new PlanChangeRequest(tier, BillingCycle.Monthly), CancellationToken.None);
        Assert.True(subscribed.IsSuccess, subscribed.Error?.Message);
        return customer with { Actor = await factory.ActorOfAsync(customer.UserId, customer.OrganizationId) };
    }

    private T Service<T>() where T : notnull => factory.Services.GetRequiredService<T>();
}
