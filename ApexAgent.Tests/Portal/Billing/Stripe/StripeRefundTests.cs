using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace ApexAgent.Tests.Portal.Billing.Stripe;

/// <summary>Refunds of Stripe payments from the admin console: credit notes whose PDFs show what went back to the card.</summary>
public sealed class StripeRefundTests(StripeWorldFixture fixture) : IClassFixture<StripeWorldFixture>
{
    private StripeWorld World => fixture.World;

    [Fact]
    public async Task The_admin_refund_of_a_stripe_payment_in_part_then_in_full_produces_credit_notes_whose_pdfs_show_the_refunds()
    {
        var customer = await World.CustomerAsync();
        var paid = await World.SubscribeAsync(customer.Actor);
        var invoice = (await World.InvoicesAsync(customer.OrganizationId)).Single(i => i.Id == paid.InvoiceId);
        var charge = (await World.PaymentsAsync(invoice.Id)).Single(p => p.Status == PaymentStatus.Succeeded);
        Assert.Equal("stripe", charge.Processor);
        var staff = await World.Factory.CreateAccountAsync(role: PlatformRole.PlatformAdmin);
        var notes = World.Factory.Get<CreditNoteService>();

        var partial = await notes.IssueAsync(staff.Actor, invoice.Id, 500, "Outage on 3 March", refund: true, CancellationToken.None);
        var rest = await notes.IssueAsync(staff.Actor, invoice.Id, invoice.TotalMinor - 500, "Plan cancelled in the first week", refund: true, CancellationToken.None);

        Assert.True(partial.IsSuccess, partial.Error?.Message);
        Assert.True(rest.IsSuccess, rest.Error?.Message);
        var refunds = World.Stripe.All("refund").Where(r => (string?)r["payment_intent"] == charge.ProcessorPaymentId).OrderBy(r => (long)r["amount"]!).ToList();
        Assert.Equal([500L, invoice.TotalMinor - 500], refunds.Select(r => (long)r["amount"]!).Order());
        Assert.Equal(invoice.TotalMinor, (long)World.Stripe.All("charge").Single(c => (string?)c["payment_intent"] == charge.ProcessorPaymentId)["amount_refunded"]!);
        Assert.Equal([$"credit_note:{partial.Value.Id:N}:refund", $"credit_note:{rest.Value.Id:N}:refund"],
            World.Stripe.Requests.Where(r => r.Path == "/v1/refunds").Select(r => r.IdempotencyKey!));

        foreach (var (note, amount) in new[] { (partial.Value, 500L), (rest.Value, invoice.TotalMinor - 500) })
        {
            var refund = (await World.PaymentsAsync(note.Id)).Single();
            Assert.Equal((PaymentKind.Refund, PaymentStatus.Succeeded, amount), (refund.Kind, refund.Status, refund.AmountMinor));
            Assert.Contains(refunds, r => (string?)r["id"] == refund.ProcessorPaymentId);
            var text = await PdfTextAsync(customer, note.Id);
            Assert.Contains("Credit note", text);
            Assert.Contains(note.Number, text);
            Assert.Contains(invoice.Number!, text);
            Assert.Contains("Refunded to Visa •••• 4242", text);
            Assert.Contains(refund.Amount.Format(), text);
            Assert.Contains(refund.ProcessorPaymentId!, text);
        }

        var listed = await World.Processor.ListChargesAsync(World.Now.AddHours(-1), World.Now.AddHours(1), CancellationToken.None);
        var record = Assert.Single(listed, r => r.ProcessorPaymentId == charge.ProcessorPaymentId);
        Assert.Equal((charge.IdempotencyKey, invoice.TotalMinor, invoice.TotalMinor, ChargeStatus.Succeeded), (record.IdempotencyKey, record.Amount.Minor, record.Refunded.Minor, record.Status));

        var more = await notes.IssueAsync(staff.Actor, invoice.Id, 1, "Nothing left", refund: true, CancellationToken.None);
        Assert.False(more.IsSuccess); // fully credited: nothing more to refund
        Assert.Equal(2, World.Stripe.All("refund").Count(r => (string?)r["payment_intent"] == charge.ProcessorPaymentId));
    }

    [Fact]
    public async Task Listing_the_days_charges_pages_through_everything_stripe_made()
    {
        var from = World.Now;
        var customerId = await World.Processor.EnsureCustomerAsync(new ApexAgent.Portal.Features.Billing.Payments.ProcessorCustomer(Guid.NewGuid(), "Many", null), CancellationToken.None);
        var method = World.Stripe.SavedCard(customerId, StripeWorld.Visa);
        var keys = Enumerable.Range(0, 105).Select(i => $"test:list:{Guid.NewGuid():N}").ToList();
        await World.Processor.ChargeManyAsync(keys.Select(k => new ChargeRequest(k, customerId, method, new ApexAgent.Domain.Common.Money(100, ApexAgent.Domain.Common.Currency.FromCode("USD")), "Many", true)).ToList(), CancellationToken.None);

        var listed = await World.Processor.ListChargesAsync(from, from.AddSeconds(1), CancellationToken.None);

        Assert.Superset(keys.ToHashSet(), listed.Select(r => r.IdempotencyKey!).ToHashSet());
        Assert.True(World.Stripe.Requests.Count(r => r.Method == "GET" && r.Path == "/v1/payment_intents") >= 2); // more than one page
    }

    private async Task<string> PdfTextAsync(TestAccount customer, Guid invoiceId)
    {
        using var client = await World.Factory.SignedInClientAsync(customer.UserId);
        var response = await client.GetAsync($"/billing/invoices/{invoiceId}/pdf");
        response.EnsureSuccessStatusCode();
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }
}
