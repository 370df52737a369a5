using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ApexAgent.Portal.Integrations.Pdf;

/// <summary>
/// Drawing on one PDF page in points from the top-left corner, with text placed by the top of its line box and
/// wrapped to a width.
/// </summary>
internal sealed class PdfPageCanvas(PdfPage page, XGraphicsPdfPageOptions options) : IDisposable
{
    private readonly XGraphics graphics = XGraphics.FromPdfPage(page, options);

    public double Width => graphics.PageSize.Width;

    public double Height => graphics.PageSize.Height;

    public void Text(string text, XFont font, XBrush brush, double left, double top) =>
        graphics.DrawString(text, font, brush, left, top, XStringFormats.TopLeft);

    public void TextRight(string text, XFont font, XBrush brush, double right, double top) =>
        Text(text, font, brush, right - Measure(text, font), top);

    public double Measure(string text, XFont font) => graphics.MeasureString(text, font).Width;

    public void Line(XPen pen, double x1, double y1, double x2, double y2) => graphics.DrawLine(pen, x1, y1, x2, y2);

    public void Rectangle(XBrush brush, double left, double top, double width, double height) =>
        graphics.DrawRectangle(brush, left, top, width, height);

    public void Pill(XBrush brush, double left, double top, double width, double height) =>
        graphics.DrawRoundedRectangle(brush, left, top, width, height, height, height);

    /// <summary>
    /// Breaks text into lines no wider than <paramref name="width"/>: at spaces where possible, inside a word only
    /// when the word alone is too wide, and at every line break in the text.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Measure(candidate, font) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && Measure(line, font) > width)
                {
                    var fits = LongestPrefixThatFits(line, font, width);
                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    public void Dispose() => graphics.Dispose();

    private int LongestPrefixThatFits(string word, XFont font, double width)
    {
        var length = 1;
        while (length < word.Length && Measure(word[..(length + 1)], font) <= width)
        {
            length++;
        }

        return length;
    }
}
