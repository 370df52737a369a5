namespace ApexAgent.Portal.Integrations.Pdf;

/// <summary>
/// Renders invoices and credit notes as A4 PDFs with Liberation Sans embedded. Holds no state between calls, so one
/// instance serves all threads; it reads nothing but the embedded font.
/// </summary>
public sealed class InvoicePdfRenderer
{
    public InvoicePdfRenderer() => PdfFonts.EnsureRegistered();

    public byte[] Render(InvoiceDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);

        using var pdf = new PdfSharp.Pdf.PdfDocument();
        pdf.Info.Title = $"{document.Title} {document.Number}";
        pdf.Info.Author = document.Seller.Name;
        pdf.Info.Creator = "ApexAgent";
        InvoicePdfLayout.Compose(pdf, document, new InvoicePdfFonts());

        using var output = new MemoryStream();
        pdf.Save(output);
        return output.ToArray();
    }
}
