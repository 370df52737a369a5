using PdfSharp.Drawing;

namespace ApexAgent.Portal.Integrations.Pdf;

/// <summary>
/// The coloured pill beside "Bill to": a short upper-case label and a colour taken from the first words of the
/// payment status ("Paid on 3 Dec 2026 by …" is a green PAID, "Void" a red VOID).
/// </summary>
internal sealed record PaymentStatusBadge(string Label, XSolidBrush Colour)
{
    private static readonly PaymentStatusBadge[] Known =
    [
        new("Partially paid", InvoicePdfPalette.Pending),
        new("Partially refunded", InvoicePdfPalette.Neutral),
        new("Paid", InvoicePdfPalette.Positive),
        new("Credited", InvoicePdfPalette.Positive),
        new("Refunded", InvoicePdfPalette.Neutral),
        new("Void", InvoicePdfPalette.Negative),
        new("Voided", InvoicePdfPalette.Negative),
        new("Overdue", InvoicePdfPalette.Negative),
        new("Uncollectible", InvoicePdfPalette.Negative),
        new("Failed", InvoicePdfPalette.Negative),
        new("Due", InvoicePdfPalette.Pending),
        new("Open", InvoicePdfPalette.Pending),
        new("Draft", InvoicePdfPalette.Neutral),
    ];

    public static PaymentStatusBadge For(string paymentStatus)
    {
        var status = paymentStatus.Trim();
        var known = Known.FirstOrDefault(badge => StartsWithWords(status, badge.Label));
        if (known is not null)
        {
            return known with { Label = known.Label.ToUpperInvariant() };
        }

        var firstWord = status.Split(' ', 2)[0];
        return new PaymentStatusBadge(firstWord.ToUpperInvariant(), InvoicePdfPalette.Neutral);
    }

    private static bool StartsWithWords(string status, string words) =>
        status.StartsWith(words, StringComparison.OrdinalIgnoreCase) &&
        (status.Length == words.Length || !char.IsLetter(status[words.Length]));
}
