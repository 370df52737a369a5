using System.Globalization;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Integrations.Pdf;
using Microsoft.Extensions.Options;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>The PDF of a finalised invoice or credit note: seller, buyer with tax id, lines, totals and payment status.</summary>
public sealed class InvoicePdfs(InvoiceArchive archive, InvoicePdfRenderer renderer, IOptions<BillingOptions> options)
{
    public async Task<Result<(byte[] Pdf, string FileName)>> RenderAsync(Actor actor, Guid invoiceId, CancellationToken ct)
    {
        var found = await archive.GetAsync(actor, invoiceId, ct);
        return found.IsSuccess ? (renderer.Render(Document(found.Value, options.Value)), $"{found.Value.Invoice.Number}.pdf") : found.Error;
    }

    public static InvoiceDocument Document(InvoiceDetail detail, BillingOptions seller)
    {
        var invoice = detail.Invoice;
        var currency = invoice.Currency;
        var lines = invoice.Lines.Where(l => !InvoiceLineKind.IsTax(l.Kind)).OrderBy(l => l.Position).Select(l => new InvoiceDocumentLine(
            l.Description,
            l.PeriodStart is { } from && l.PeriodEnd is { } to ? $"{Day(from)} – {Day(to.AddTicks(-1))}" : null,
            l.Quantity,
            new Money(l.UnitAmountMinor, currency),
            new Money(l.AmountMinor, currency))).ToList();
        // Tax lines print under the subtotal with their rate and jurisdiction (ADR 0021); zero reverse-charge and exempt lines too.
        var taxLines = invoice.Lines.Where(l => InvoiceLineKind.IsTax(l.Kind)).OrderBy(l => l.Position).ToList();
        var totals = new List<InvoiceDocumentTotal> { new("Subtotal", new Money(invoice.Subtotal.Minor - taxLines.Sum(l => l.AmountMinor), currency)) };
        totals.AddRange(taxLines.Select(l => new InvoiceDocumentTotal(l.Description, new Money(l.AmountMinor, currency))));
        if (invoice.BalanceApplied.Minor != 0)
        {
            totals.Add(new InvoiceDocumentTotal("Applied from account balance", new Money(-invoice.BalanceApplied.Minor, currency)));
        }

        totals.Add(new InvoiceDocumentTotal("Total", invoice.Total, Emphasis: true));
        if (invoice.Kind == InvoiceKind.Invoice)
        {
            var paid = detail.Payments.Where(p => p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Succeeded).Sum(p => p.AmountMinor);
            totals.Add(new InvoiceDocumentTotal("Amount paid", new Money(paid, currency)));
            if (invoice.AmountCreditedMinor > 0)
            {
                totals.Add(new InvoiceDocumentTotal("Credited by credit notes", new Money(-invoice.AmountCreditedMinor, currency)));
            }

            totals.Add(new InvoiceDocumentTotal("Amount due", invoice.AmountDue, Emphasis: true));
        }

        var buyer = new DocumentParty(invoice.BuyerName, (invoice.BuyerAddress ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), invoice.BuyerEmail, invoice.BuyerTaxId);
        var sellerParty = new DocumentParty(seller.SellerName, seller.SellerAddress, seller.SellerEmail, seller.SellerTaxId);
        var isCreditNote = invoice.Kind == InvoiceKind.CreditNote;
        return new InvoiceDocument(
            isCreditNote ? "Credit note" : "Invoice",
            invoice.Number ?? "Draft",
            invoice.FinalizedAt ?? invoice.CreatedAt,
            isCreditNote ? null : invoice.DueAt,
            sellerParty,
            buyer,
            lines,
            totals,
            Status(detail),
            isCreditNote ? $"Corrects invoice {detail.CorrectsNumber}. Reason: {invoice.Reason}" : invoice.Memo,
            (taxLines.Any(l => l.Kind == "tax.reverse_charge") ? "Reverse charge: the customer accounts for the tax (VAT: Article 196, Council Directive 2006/112/EC). " : "")
            + "Prices exclude tax. Questions about this document: billing@apexagent.dev");
    }

    private static string Status(InvoiceDetail detail)
    {
        var invoice = detail.Invoice;
        if (invoice.Kind == InvoiceKind.CreditNote)
        {
            var refund = detail.Payments.FirstOrDefault(p => p.Kind == PaymentKind.Refund);
            return refund is null ? "Credited to the account balance" : refund.Status == PaymentStatus.Succeeded ? Refunded(refund) : "Refund failed: credited to the account balance";
        }

        var paidBy = detail.Payments.LastOrDefault(p => p.Kind == PaymentKind.Charge && p.Status == PaymentStatus.Succeeded)?.MethodDescription;
        return invoice.Status switch
        {
            InvoiceStatus.Paid when paidBy is not null => $"Paid on {Day(invoice.PaidAt!.Value)} by {paidBy}",
            InvoiceStatus.Paid => invoice.TotalMinor < 0 ? "Credited to the account balance" : $"Paid on {Day(invoice.PaidAt!.Value)}",
            InvoiceStatus.Open => $"Due {Day(invoice.DueAt ?? invoice.FinalizedAt!.Value)}",
            InvoiceStatus.Void => "Void",
            InvoiceStatus.Uncollectible => "Uncollectible",
            _ => "Draft",
        };
    }

    /// <summary>"Refunded to Visa •••• 4242: $5.00 on 4 May 2027, refund re_…" — the processor's refund id lets the customer find it with their bank.</summary>
    private static string Refunded(Payment refund) =>
        $"Refunded to {refund.MethodDescription}: {refund.Amount.Format()} on {Day(refund.CompletedAt ?? refund.CreatedAt)}" + (refund.ProcessorPaymentId is { } id ? $", refund {id}" : "");

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
