using System.Globalization;
using System.Text;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Integrations.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ApexAgent.Portal.Features.Tax;

/// <summary>The tax report as CSV (amounts in major units, invariant culture) and as a one-table A4 PDF.</summary>
public static class TaxReportExport
{
    public static string FileName(TaxReport report, string extension) =>
        $"tax-report-{report.From:yyyy-MM-dd}-to-{report.To.AddDays(-1):yyyy-MM-dd}.{extension}";

    public static byte[] Csv(TaxReport report)
    {
        var csv = new StringBuilder();
        csv.AppendLine("jurisdiction,name,currency,taxable,collected,credited,net,exempt,reverse_charged,invoices");
        foreach (var r in report.Rows)
        {
            var c = Currency.FromCode(r.CurrencyCode);
            csv.AppendLine(string.Join(',', r.Jurisdiction, Quote(r.Name), r.CurrencyCode, Major(r.TaxableMinor, c), Major(r.CollectedMinor, c), Major(r.CreditedMinor, c),
                Major(r.NetMinor, c), Major(r.ExemptMinor, c), Major(r.ReverseChargedMinor, c), r.InvoiceCount.ToString(CultureInfo.InvariantCulture)));
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static byte[] Pdf(TaxReport report)
    {
        PdfFonts.EnsureRegistered();
        using var pdf = new PdfDocument();
        pdf.Info.Title = "Tax report";
        pdf.Info.Creator = "ApexAgent";
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var title = new XFont(PdfFonts.FamilyName, 16, XFontStyleEx.Bold, options);
        var bold = new XFont(PdfFonts.FamilyName, 8, XFontStyleEx.Bold, options);
        var body = new XFont(PdfFonts.FamilyName, 8, XFontStyleEx.Regular, options);
        string[] headers = ["Jurisdiction", "Cur.", "Taxable", "Collected", "Credited", "Net", "Exempt", "Reverse ch.", "Invoices"];
        double[] x = [40, 190, 270, 335, 395, 455, 515, 575, 640];
        var page = pdf.AddPage();
        page.Orientation = PdfSharp.PageOrientation.Landscape;
        var gfx = XGraphics.FromPdfPage(page);
        gfx.DrawString("Tax report", title, XBrushes.Black, 40, 50);
        gfx.DrawString($"Invoices finalised {report.From:yyyy-MM-dd} to {report.To.AddDays(-1):yyyy-MM-dd} (UTC). Credit notes reduce tax in proportion to the amount credited.", body, XBrushes.DimGray, 40, 68);
        var y = 95.0;
        for (var i = 0; i < headers.Length; i++)
        {
            gfx.DrawString(headers[i], bold, XBrushes.Black, x[i], y);
        }

        foreach (var r in report.Rows)
        {
            y += 15;
            if (y > page.Height.Point - 40)
            {
                page = pdf.AddPage();
                page.Orientation = PdfSharp.PageOrientation.Landscape;
                gfx.Dispose();
                gfx = XGraphics.FromPdfPage(page);
                y = 50;
            }

            var c = Currency.FromCode(r.CurrencyCode);
            string[] cells = [$"{r.Name} ({r.Jurisdiction})", r.CurrencyCode, Major(r.TaxableMinor, c), Major(r.CollectedMinor, c), Major(r.CreditedMinor, c), Major(r.NetMinor, c),
                Major(r.ExemptMinor, c), Major(r.ReverseChargedMinor, c), r.InvoiceCount.ToString(CultureInfo.InvariantCulture)];
            for (var i = 0; i < cells.Length; i++)
            {
                gfx.DrawString(cells[i], body, XBrushes.Black, x[i], y);
            }
        }

        if (report.Rows.Count == 0)
        {
            gfx.DrawString("No taxed, exempt or reverse-charged invoices in this period.", body, XBrushes.DimGray, 40, y + 15);
        }

        gfx.Dispose();
        using var output = new MemoryStream();
        pdf.Save(output);
        return output.ToArray();
    }

    public static string Major(long minor, Currency currency) => new Money(minor, currency).Major.ToString("0." + new string('0', currency.MinorDigits), CultureInfo.InvariantCulture);

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
