using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ApexAgent.Portal.Integrations.Pdf;

/// <summary>
/// The faces and sizes of one invoice PDF. Made per PDF: PDFsharp caches the parsed font files process-wide, and an
/// <see cref="XFont"/> keeps a little per-use state, so instances are not shared between threads.
/// </summary>
internal sealed class InvoicePdfFonts
{
    public XFont Wordmark { get; } = Bold(22);

    public XFont WordmarkSmall { get; } = Bold(13);

    public XFont Title { get; } = Bold(20);

    public XFont PartyName { get; } = Bold(10.5);

    public XFont Body { get; } = Regular(9.5);

    public XFont BodyBold { get; } = Bold(9.5);

    public XFont Emphasis { get; } = Bold(11);

    public XFont Small { get; } = Regular(8);

    public XFont Label { get; } = Bold(7.5);

    public XFont Badge { get; } = Bold(9);

    // Unicode encoding with a ToUnicode map: any character the font has (€, Ł, •) prints and can be copied or
    // searched in a PDF reader.
    private static XFont Regular(double size) =>
        new(PdfFonts.FamilyName, size, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    private static XFont Bold(double size) =>
        new(PdfFonts.FamilyName, size, XFontStyleEx.Bold, new XPdfFontOptions(PdfFontEncoding.Unicode));
}
