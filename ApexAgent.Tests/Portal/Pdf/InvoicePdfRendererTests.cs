using System.Globalization;
using System.Text;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Integrations.Pdf;
using UglyToad.PdfPig.Content;

namespace ApexAgent.Tests.Portal.Pdf;

public sealed class InvoicePdfRendererTests
{
    private readonly InvoicePdfRenderer renderer = new();

    [Fact]
    public void An_invoice_shows_its_number_dates_parties_lines_totals_and_payment_status()
    {
        var pdf = RenderedPdf.Read(renderer.Render(SampleInvoices.Invoice()));

        Assert.Single(pdf.Pages);
        Assert.Equal(["ApexAgent", "Invoice"], Heading(pdf));
        Assert.True(pdf.Contains("Invoice number APX-2026-000123"));
        Assert.True(pdf.Contains("Issue date 3 Dec 2026"));
        Assert.True(pdf.Contains("Due date 2 Jan 2027"));
        Assert.True(pdf.Contains("ApexAgent Ltd."));
        Assert.True(pdf.Contains("VAT / Tax ID: IE1234567X"));
        Assert.True(pdf.Contains("BILL TO"));
        Assert.True(pdf.Contains("Northwind Analytics Inc."));
        Assert.True(pdf.Contains("Seattle, WA 98101"));
        Assert.True(pdf.Contains("VAT / Tax ID: US-98-7654321"));
        Assert.True(pdf.Contains("Description Qty Unit price Amount"));
        Assert.True(pdf.Contains("Pro plan (5 seats) 5 $49.00 $245.00"));
        Assert.True(pdf.Contains("Agent task credits (10,000) 2 $25.00 $50.00"));
        Assert.True(pdf.Contains("Unused time on Starter 1 -$12.35 -$12.35"));
        Assert.True(pdf.Contains("Thank you for your business."));
        Assert.True(pdf.Contains("Page 1 of 1"));
        Assert.False(pdf.Contains("Corrects"));
    }

    [Fact]
    public void The_period_is_printed_smaller_under_its_line_description()
    {
        var pdf = RenderedPdf.Read(renderer.Render(SampleInvoices.Invoice()));

        var description = pdf.Row("Pro plan (5 seats)");
        var period = pdf.Row("1 Dec 2026 – 31 Dec 2026");
        Assert.InRange(description.Baseline - period.Baseline, 5, 15);
        Assert.True(period.Words[0].Letters[0].PointSize < description.Words[0].Letters[0].PointSize);
        Assert.Equal(period.Words[0].BoundingBox.Left, description.Words[0].BoundingBox.Left, 0.5);
    }

    [Fact]
    public void Totals_are_printed_in_order_right_aligned_under_the_amounts_and_emphasised_ones_bold()
    {
        var pdf = RenderedPdf.Read(renderer.Render(SampleInvoices.Invoice()));

        TextRow[] totals =
        [
            pdf.Row("Subtotal $282.65"),
            pdf.Row("Account balance applied -$20.00"),
            pdf.Row("Total $262.65"),
            pdf.Row("Amount paid $262.65"),
            pdf.Row("Amount due $0.00"),
        ];
        Assert.Equal(totals.OrderByDescending(row => row.Baseline), totals);

        var amountColumn = pdf.Row("Pro plan (5 seats)").Words[^1].BoundingBox.Right;
        Assert.All(totals, row => Assert.Equal(amountColumn, row.Words[^1].BoundingBox.Right, 0.5));
        Assert.All(totals, row => Assert.True(row.Words[0].BoundingBox.Left > 250, $"'{row.Text}' starts at {row.Words[0].BoundingBox.Left}"));

        Assert.True(IsBold(totals[2].Word("Total")));
        Assert.True(IsBold(totals[4].Word("$0.00")));
        Assert.False(IsBold(totals[0].Word("Subtotal")));
        Assert.False(IsBold(totals[3].Word("$262.65")));
    }

    [Theory]
    [InlineData(SampleInvoices.PaidStatus, "PAID", 0x15, 0x80, 0x3D)]
    [InlineData("Due 2 Jan 2027", "DUE", 0xB4, 0x53, 0x09)]
    [InlineData("Overdue since 5 Jan 2027", "OVERDUE", 0xB9, 0x1C, 0x1C)]
    [InlineData("Partially refunded on 9 Dec 2026", "PARTIALLY REFUNDED", 0x47, 0x55, 0x69)]
    public void The_payment_status_is_a_coloured_badge_above_the_status_in_the_same_colour(
        string status, string badge, int red, int green, int blue)
    {
        var pdf = RenderedPdf.Read(renderer.Render(SampleInvoices.Invoice() with { PaymentStatus = status }));

        var badgeRow = pdf.Row(badge);
        var statusRow = pdf.Row(status);
        Assert.True(badgeRow.Baseline > statusRow.Baseline, "the badge sits above the status");
        Assert.True(pdf.Contains("PAYMENT STATUS"));
        Assert.All(statusRow.Words.Where(word => status.Contains(word.Text, StringComparison.Ordinal)).SelectMany(word => word.Letters), letter =>
        {
            var (r, g, b) = letter.Color.ToRGBValues();
            Assert.Equal(red / 255.0, r, 0.01);
            Assert.Equal(green / 255.0, g, 0.01);
            Assert.Equal(blue / 255.0, b, 0.01);
        });
        Assert.True(badgeRow.Words.Where(word => badge.Contains(word.Text, StringComparison.Ordinal)).SelectMany(word => word.Letters)
            .All(letter => letter.Color.ToRGBValues() == (1, 1, 1)), "badge text is white on the coloured pill");
    }

    [Fact]
    public void A_void_invoice_shows_a_void_badge_without_repeating_the_word()
    {
        var pdf = RenderedPdf.Read(renderer.Render(SampleInvoices.Invoice() with { PaymentStatus = "Void" }));

        Assert.True(pdf.Contains("VOID"));
        Assert.False(pdf.Contains("Void"));
        Assert.False(pdf.Contains("PAID"));
    }

    [Fact]
    public void A_credit_note_shows_its_title_number_and_reference_and_no_due_date()
    {
        var pdf = RenderedPdf.Read(renderer.Render(SampleInvoices.CreditNote()));

        Assert.Equal(["ApexAgent", "Credit note"], Heading(pdf));
        Assert.True(pdf.Contains("Credit note number CN-2026-000045"));
        Assert.True(pdf.Contains("Issue date 9 Dec 2026"));
        Assert.False(pdf.Contains("Due date"));
        Assert.True(pdf.Contains("Corrects invoice APX-2026-000120"));
        Assert.True(pdf.Contains("Pro plan (5 seats), returned 5 -$36.00 -$180.00"));
        Assert.True(pdf.Contains("Total credited -$180.00"));
        Assert.True(pdf.Contains("REFUNDED"));
        Assert.True(pdf.Contains("Refunded to Visa •••• 4242"));
        Assert.True(pdf.Contains("ApexAgent Ltd. · Credit note CN-2026-000045 Page 1 of 1"));
    }

    [Fact]
    public void A_long_description_wraps_inside_its_column()
    {
        const string description =
            "Dedicated agent runtime for the data-engineering workspace, including priority scheduling, " +
            "extended context windows, a private vector index of up to fifty million embeddings and premium support";
        var document = SampleInvoices.Invoice() with
        {
            Lines = [new InvoiceDocumentLine(description, null, 1, Money.Usd(129900), Money.Usd(129900))],
        };

        var pdf = RenderedPdf.Read(renderer.Render(document));

        var words = pdf.Rows.SkipWhile(row => !row.Text.StartsWith("Dedicated", StringComparison.Ordinal))
            .SelectMany(row => row.Words.Where(word => word.BoundingBox.Left < 300))
            .Take(description.Split(' ').Length)
            .ToList();
        Assert.Equal(description.Split(' '), words.Select(word => word.Text));
        var rows = words.Select(word => word.Letters[0].StartBaseLine.Y).Distinct().Count();
        Assert.InRange(rows, 2, 5);
        var quantityColumn = pdf.Row("Description Qty").Word("Qty").BoundingBox.Left;
        Assert.All(words, word => Assert.True(word.BoundingBox.Right < quantityColumn - 20, $"'{word.Text}' runs into the Qty column"));
        Assert.True(pdf.Contains("Dedicated agent runtime") && pdf.Row("Dedicated").Text.EndsWith("1 $1,299.00 $1,299.00", StringComparison.Ordinal));
    }

    [Fact]
    public void A_hundred_and_twenty_lines_continue_over_pages_with_the_table_header_and_page_numbers_on_each()
    {
        var pdf = RenderedPdf.Read(renderer.Render(SampleInvoices.WithLines(120)));

        var pageCount = pdf.Pages.Count;
        Assert.InRange(pageCount, 3, 8);
        Assert.All(pdf.Pages, page =>
        {
            Assert.True(page.Contains("Description Qty Unit price Amount"), $"table header on page {page.Number}");
            Assert.True(page.Contains($"Page {page.Number} of {pageCount}"), $"page number on page {page.Number}");
            Assert.True(page.Contains("Invoice APX-2026-000123"), $"document named on page {page.Number}");
        });

        var lineNumbers = pdf.Rows.SelectMany(row => row.Words)
            .Where(word => word.Text.StartsWith('L') && word.Text.Length == 4 && word.Text[1..].All(char.IsAsciiDigit))
            .Select(word => int.Parse(word.Text[1..], CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(Enumerable.Range(1, 120), lineNumbers);
        Assert.All(Enumerable.Range(1, 120), i => Assert.True(pdf.Contains(
            $"Usage bundle L{i:000} 1 {Money.Usd(101 * i).Format()} {Money.Usd(101 * i).Format()}")));

        Assert.True(pdf.Pages[^1].Contains("Amount due $0.00"));
        Assert.All(pdf.Pages.SkipLast(1), page => Assert.False(page.Contains("Amount due")));
        Assert.All(pdf.Pages.Skip(1), page => Assert.False(page.Contains("BILL TO")));
    }

    [Fact]
    public void Non_ascii_text_and_the_euro_sign_round_trip_through_the_embedded_font()
    {
        var document = SampleInvoices.Invoice() with
        {
            Buyer = new DocumentParty("Łódź Dystrybucja Sp. z o.o.", ["Bahnhofstrasse 1", "8001 Zürich"], "księgowość@łódź.example", "PL5252248481"),
            Lines = [new InvoiceDocumentLine("Übersetzung – Ölbranche, Größe XL", "1 Dec 2026 – 31 Dec 2026", 3, new Money(41150, Currency.Eur), new Money(123450, Currency.Eur))],
            Totals = [new InvoiceDocumentTotal("Amount due", new Money(123450, Currency.Eur), Emphasis: true)],
        };

        var bytes = renderer.Render(document);
        var pdf = RenderedPdf.Read(bytes);

        Assert.True(pdf.Contains("Łódź Dystrybucja Sp. z o.o."));
        Assert.True(pdf.Contains("8001 Zürich"));
        Assert.True(pdf.Contains("księgowość@łódź.example"));
        Assert.True(pdf.Contains("Übersetzung – Ölbranche, Größe XL 3 €411.50 €1,234.50"));
        Assert.True(pdf.Contains("Amount due €1,234.50"));
        Assert.All(pdf.Rows.SelectMany(row => row.Words).SelectMany(word => word.Letters),
            letter => Assert.Matches("^[A-Z]{6}\\+Liberation Sans", letter.FontName));
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_are_printed_in_utc_in_the_invariant_culture_whatever_the_current_culture()
    {
        var document = SampleInvoices.Invoice() with
        {
            IssuedAt = new DateTimeOffset(2026, 12, 3, 1, 30, 0, TimeSpan.FromHours(5)),
            DueAt = new DateTimeOffset(2027, 1, 2, 0, 30, 0, TimeSpan.FromHours(2)),
        };
        var culture = CultureInfo.CurrentCulture;
        byte[] bytes;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            bytes = renderer.Render(document);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        var pdf = RenderedPdf.Read(bytes);
        Assert.True(pdf.Contains("Issue date 2 Dec 2026"));
        Assert.True(pdf.Contains("Due date 1 Jan 2027"));
        Assert.True(pdf.Contains("Agent task credits (10,000) 2 $25.00 $50.00"));
    }

    [Fact]
    public void Many_threads_render_at_once_and_each_gets_the_same_complete_pdf()
    {
        var document = SampleInvoices.WithLines(40);
        var expected = RenderedPdf.Read(renderer.Render(document)).Rows.Select(row => row.Text).ToList();
        var results = new byte[50][];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = (i % 2 == 0 ? renderer : new InvoicePdfRenderer()).Render(document));

        Assert.All(results, bytes => Assert.Equal(expected, RenderedPdf.Read(bytes).Rows.Select(row => row.Text)));
    }

    /// <summary>The two topmost rows: the wordmark at the left and the title at the right, on their own baselines.</summary>
    private static string[] Heading(RenderedPdf pdf) => [.. pdf.Rows.Take(2).Select(row => row.Text).Order(StringComparer.Ordinal)];

    private static bool IsBold(Word word) => word.Letters.All(letter => letter.FontName?.Contains("Bold", StringComparison.Ordinal) == true);
}
