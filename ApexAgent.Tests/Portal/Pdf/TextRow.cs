using UglyToad.PdfPig.Content;

namespace ApexAgent.Tests.Portal.Pdf;

/// <summary>The words that share one baseline on a page, left to right (PDF coordinates: y grows upwards).</summary>
internal sealed record TextRow(double Baseline, IReadOnlyList<Word> Words)
{
    private const double SameBaseline = 0.5;

    public string Text => string.Join(' ', Words.Select(word => word.Text));

    public Word Word(string text) => Words.Single(word => word.Text == text);

    public static IReadOnlyList<TextRow> From(IEnumerable<Word> words)
    {
        var rows = new List<TextRow>();
        foreach (var word in words.OrderByDescending(BaselineOf).ThenBy(word => word.BoundingBox.Left))
        {
            if (rows.Count > 0 && Math.Abs(rows[^1].Baseline - BaselineOf(word)) < SameBaseline)
            {
                rows[^1] = rows[^1] with { Words = [.. rows[^1].Words, word] };
            }
            else
            {
                rows.Add(new TextRow(BaselineOf(word), [word]));
            }
        }

        return rows.Select(row => row with { Words = [.. row.Words.OrderBy(word => word.BoundingBox.Left)] }).ToList();
    }

    private static double BaselineOf(Word word) => word.Letters[0].StartBaseLine.Y;
}
