namespace ApexAgent.Tests.Portal.Pdf;

internal sealed record RenderedPage(int Number, IReadOnlyList<TextRow> Rows)
{
    public bool Contains(string fragment) => Rows.Any(row => row.Text.Contains(fragment, StringComparison.Ordinal));
}
