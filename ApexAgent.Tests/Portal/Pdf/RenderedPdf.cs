using UglyToad.PdfPig;

namespace ApexAgent.Tests.Portal.Pdf;

/// <summary>A generated PDF read back with PdfPig: its pages as rows of words, top to bottom, left to right.</summary>
internal sealed class RenderedPdf
{
    private RenderedPdf(IReadOnlyList<RenderedPage> pages) => Pages = pages;

    public IReadOnlyList<RenderedPage> Pages { get; }

    public IEnumerable<TextRow> Rows => Pages.SelectMany(page => page.Rows);

    public static RenderedPdf Read(byte[] bytes)
    {
        using var document = PdfDocument.Open(bytes);
        return new RenderedPdf(document.GetPages().Select(page => new RenderedPage(page.Number, TextRow.From(page.GetWords()))).ToList());
    }

    /// <summary>The one row whose text contains <paramref name="fragment"/>.</summary>
    public TextRow Row(string fragment)
    {
        var rows = Rows.Where(row => row.Text.Contains(fragment, StringComparison.Ordinal)).ToList();
        return rows.Count == 1
            ? rows[0]
            : throw new Xunit.Sdk.XunitException($"Expected one row containing '{fragment}', found {rows.Count}. Rows:\n{string.Join('\n', Rows.Select(row => row.Text))}");
    }

    public bool Contains(string fragment) => Rows.Any(row => row.Text.Contains(fragment, StringComparison.Ordinal));
}
