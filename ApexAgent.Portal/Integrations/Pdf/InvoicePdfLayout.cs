using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ApexAgent.Portal.Integrations.Pdf;

/// <summary>
/// Lays one <see cref="InvoiceDocument"/> out on A4 pages, top to bottom: seller and document facts, "Bill to" and
/// the payment status, the reference, the line table (continued on further pages under a repeated header), the
/// totals and the footer text; then "Page n of m" on every page once the page count is known.
/// </summary>
internal sealed class InvoicePdfLayout
{
    private const double Margin = 48;
    private const double FooterBand = 44;
    private const double PartyWidth = 250;
    private const double FactValueWidth = 120;
    private const double CellPadding = 6;
    private const double QuantityWidth = 45;
    private const double UnitPriceWidth = 90;
    private const double AmountWidth = 95;
    private const double TotalsWidth = 260;
    private const string Wordmark = "ApexAgent";

    private readonly PdfDocument pdf;
    private readonly InvoiceDocument document;
    private readonly InvoicePdfFonts fonts;
    private readonly List<PdfPage> pages = [];
    private PdfPageCanvas canvas;
    private double y;
    private bool pageHasContent;

    private InvoicePdfLayout(PdfDocument pdf, InvoiceDocument document, InvoicePdfFonts fonts)
    {
        this.pdf = pdf;
        this.document = document;
        this.fonts = fonts;
        canvas = AddPage();
    }

    private double Left => Margin;

    private double Right => canvas.Width - Margin;

    private double ContentBottom => canvas.Height - FooterBand - 12;

    private double DescriptionWidth => Right - Left - QuantityWidth - UnitPriceWidth - AmountWidth - 2 * CellPadding;

    private double QuantityRight => Right - AmountWidth - UnitPriceWidth - CellPadding;

    private double UnitPriceRight => Right - AmountWidth - CellPadding;

    private double AmountRight => Right - CellPadding;

    public static void Compose(PdfDocument pdf, InvoiceDocument document, InvoicePdfFonts fonts) =>
        new InvoicePdfLayout(pdf, document, fonts).DrawAll();

    private void DrawAll()
    {
        DrawHeading();
        DrawPartiesAndStatus();
        DrawReference();
        DrawLines();
        DrawTotals();
        DrawFooterText();
        canvas.Dispose();
        DrawPageFooters();
    }

    private PdfPageCanvas AddPage()
    {
        var page = pdf.AddPage();
        page.Size = PageSize.A4;
        pages.Add(page);
        y = Margin;
        pageHasContent = false;
        return new PdfPageCanvas(page, XGraphicsPdfPageOptions.Append);
    }

    /// <summary>A fresh page under a small running header, unless the block fits or the page is still empty.</summary>
    private bool BreakPageUnlessFits(double height)
    {
        if (y + height <= ContentBottom || !pageHasContent)
        {
            return false;
        }

        canvas.Dispose();
        canvas = AddPage();
        canvas.Text(Wordmark, fonts.WordmarkSmall, InvoicePdfPalette.Brand, Left, y);
        canvas.TextRight($"{document.Title} {document.Number}", fonts.BodyBold, InvoicePdfPalette.Ink, Right, y + 3);
        y += fonts.WordmarkSmall.GetHeight() + 18;
        return true;
    }

    private void DrawHeading()
    {
        var top = y;
        canvas.Text(Wordmark, fonts.Wordmark, InvoicePdfPalette.Brand, Left, top);
        var sellerBottom = DrawParty(document.Seller, top + fonts.Wordmark.GetHeight() + 6);

        canvas.TextRight(document.Title, fonts.Title, InvoicePdfPalette.Ink, Right, top);
        var factTop = top + fonts.Title.GetHeight() + 6;
        foreach (var (label, value) in Facts())
        {
            canvas.TextRight(value, fonts.BodyBold, InvoicePdfPalette.Ink, Right, factTop);
            canvas.TextRight(label, fonts.Body, InvoicePdfPalette.Muted, Right - FactValueWidth, factTop);
            factTop += fonts.Body.GetHeight() + 3;
        }

        y = Math.Max(sellerBottom, factTop) + 28;
        pageHasContent = true;
    }

    private IEnumerable<(string Label, string Value)> Facts()
    {
        yield return ($"{document.Title} number", document.Number);
        yield return ("Issue date", Date(document.IssuedAt));
        if (document.DueAt is { } due)
        {
            yield return ("Due date", Date(due));
        }
    }

    private void DrawPartiesAndStatus()
    {
        var top = y;
        canvas.Text("BILL TO", fonts.Label, InvoicePdfPalette.Muted, Left, top);
        var buyerBottom = DrawParty(document.Buyer, top + fonts.Label.GetHeight() + 5);
        var statusBottom = DrawPaymentStatus(top);
        y = Math.Max(buyerBottom, statusBottom) + 22;
    }

    /// <summary>Name, address, email and tax id in a column at the left margin; returns the bottom.</summary>
    private double DrawParty(DocumentParty party, double top)
    {
        top = DrawPartyText(party.Name, fonts.PartyName, InvoicePdfPalette.Ink, top);
        top += 2;
        foreach (var line in party.AddressLines)
        {
            top = DrawPartyText(line, fonts.Body, InvoicePdfPalette.Ink, top);
        }

        if (party.Email is { Length: > 0 } email)
        {
            top = DrawPartyText(email, fonts.Body, InvoicePdfPalette.Muted, top);
        }

        if (party.TaxId is { Length: > 0 } taxId)
        {
            top = DrawPartyText($"VAT / Tax ID: {taxId}", fonts.Body, InvoicePdfPalette.Ink, top);
        }

        return top;
    }

    private double DrawPartyText(string text, XFont font, XBrush brush, double top)
    {
        foreach (var line in canvas.Wrap(text, font, PartyWidth))
        {
            canvas.Text(line, font, brush, Left, top);
            top += font.GetHeight();
        }

        return top;
    }

    /// <summary>A coloured pill (PAID, VOID, …) and, when it says more, the status sentence under it, right-aligned.</summary>
    private double DrawPaymentStatus(double top)
    {
        if (string.IsNullOrWhiteSpace(document.PaymentStatus))
        {
            return top;
        }

        canvas.TextRight("PAYMENT STATUS", fonts.Label, InvoicePdfPalette.Muted, Right, top);
        top += fonts.Label.GetHeight() + 5;

        var badge = PaymentStatusBadge.For(document.PaymentStatus);
        var height = fonts.Badge.GetHeight() + 8;
        var width = canvas.Measure(badge.Label, fonts.Badge) + 2 * 10;
        canvas.Pill(badge.Colour, Right - width, top, width, height);
        canvas.Text(badge.Label, fonts.Badge, InvoicePdfPalette.OnBadge, Right - width + 10, top + 4);
        top += height + 6;

        if (!string.Equals(document.PaymentStatus.Trim(), badge.Label, StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in canvas.Wrap(document.PaymentStatus, fonts.BodyBold, Right - Left - PartyWidth - 24))
            {
                canvas.TextRight(line, fonts.BodyBold, badge.Colour, Right, top);
                top += fonts.BodyBold.GetHeight();
            }
        }

        return top;
    }

    private void DrawReference()
    {
        if (string.IsNullOrWhiteSpace(document.Reference))
        {
            return;
        }

        var lines = canvas.Wrap(document.Reference, fonts.Body, Right - Left - 10);
        var height = lines.Count * fonts.Body.GetHeight();
        canvas.Line(InvoicePdfPalette.ReferenceBar, Left + 1, y, Left + 1, y + height);
        foreach (var line in lines)
        {
            canvas.Text(line, fonts.Body, InvoicePdfPalette.Ink, Left + 10, y);
            y += fonts.Body.GetHeight();
        }

        y += 18;
    }

    private void DrawLines()
    {
        DrawTableHeader();
        foreach (var line in document.Lines)
        {
            var description = canvas.Wrap(line.Description, fonts.Body, DescriptionWidth);
            var period = line.Period is { Length: > 0 } periodText ? canvas.Wrap(periodText, fonts.Small, DescriptionWidth) : [];
            var height = 2 * CellPadding + description.Count * fonts.Body.GetHeight() +
                (period.Count > 0 ? 1 + period.Count * fonts.Small.GetHeight() : 0);
            if (BreakPageUnlessFits(height))
            {
                DrawTableHeader();
            }

            var top = y + CellPadding;
            canvas.TextRight(line.Quantity.ToString("N0", CultureInfo.InvariantCulture), fonts.Body, InvoicePdfPalette.Ink, QuantityRight, top);
            canvas.TextRight(line.UnitAmount.Format(), fonts.Body, InvoicePdfPalette.Ink, UnitPriceRight, top);
            canvas.TextRight(line.Amount.Format(), fonts.Body, InvoicePdfPalette.Ink, AmountRight, top);
            foreach (var text in description)
            {
                canvas.Text(text, fonts.Body, InvoicePdfPalette.Ink, Left + CellPadding, top);
                top += fonts.Body.GetHeight();
            }

            top += 1;
            foreach (var text in period)
            {
                canvas.Text(text, fonts.Small, InvoicePdfPalette.Muted, Left + CellPadding, top);
                top += fonts.Small.GetHeight();
            }

            y += height;
            canvas.Line(InvoicePdfPalette.Rule, Left, y, Right, y);
            pageHasContent = true;
        }
    }

    private void DrawTableHeader()
    {
        var height = fonts.BodyBold.GetHeight() + 2 * CellPadding;
        canvas.Rectangle(InvoicePdfPalette.HeaderFill, Left, y, Right - Left, height);
        var top = y + CellPadding;
        canvas.Text("Description", fonts.BodyBold, InvoicePdfPalette.Ink, Left + CellPadding, top);
        canvas.TextRight("Qty", fonts.BodyBold, InvoicePdfPalette.Ink, QuantityRight, top);
        canvas.TextRight("Unit price", fonts.BodyBold, InvoicePdfPalette.Ink, UnitPriceRight, top);
        canvas.TextRight("Amount", fonts.BodyBold, InvoicePdfPalette.Ink, AmountRight, top);
        y += height;
    }

    /// <summary>Right-aligned under the Amount column, kept together on one page; emphasised rows bold under a rule.</summary>
    private void DrawTotals()
    {
        const double rowGap = 6;
        const double ruleGap = 5;
        var height = 10 + document.Totals.Sum(total =>
            total.Emphasis ? ruleGap + fonts.Emphasis.GetHeight() + rowGap : fonts.Body.GetHeight() + rowGap);
        BreakPageUnlessFits(height);

        y += 10;
        foreach (var total in document.Totals)
        {
            var font = total.Emphasis ? fonts.Emphasis : fonts.Body;
            if (total.Emphasis)
            {
                canvas.Line(InvoicePdfPalette.StrongRule, Right - TotalsWidth, y, Right, y);
                y += ruleGap;
            }

            var labelBrush = total.Emphasis ? InvoicePdfPalette.Ink : InvoicePdfPalette.Muted;
            canvas.TextRight(total.Label, font, labelBrush, AmountRight - AmountWidth, y);
            canvas.TextRight(total.Amount.Format(), font, InvoicePdfPalette.Ink, AmountRight, y);
            y += font.GetHeight() + rowGap;
        }

        pageHasContent = true;
    }

    private void DrawFooterText()
    {
        if (string.IsNullOrWhiteSpace(document.Footer))
        {
            return;
        }

        y += 24;
        foreach (var line in canvas.Wrap(document.Footer, fonts.Small, Right - Left))
        {
            BreakPageUnlessFits(fonts.Small.GetHeight());
            canvas.Text(line, fonts.Small, InvoicePdfPalette.Muted, Left, y);
            y += fonts.Small.GetHeight();
            pageHasContent = true;
        }
    }

    private void DrawPageFooters()
    {
        for (var index = 0; index < pages.Count; index++)
        {
            using var footer = new PdfPageCanvas(pages[index], XGraphicsPdfPageOptions.Append);
            var top = footer.Height - FooterBand;
            footer.Line(InvoicePdfPalette.Rule, Margin, top, footer.Width - Margin, top);
            footer.Text($"{document.Seller.Name} · {document.Title} {document.Number}", fonts.Small, InvoicePdfPalette.Muted, Margin, top + 8);
            footer.TextRight($"Page {index + 1} of {pages.Count}", fonts.Small, InvoicePdfPalette.Muted, footer.Width - Margin, top + 8);
        }
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
