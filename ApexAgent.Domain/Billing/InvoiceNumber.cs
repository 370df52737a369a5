using System.Globalization;

namespace ApexAgent.Domain.Billing;

/// <summary>Document numbers: a series prefix, the year and a gapless sequence, e.g. <c>APX-2026-000123</c>, <c>CN-2026-000045</c>.</summary>
public static class InvoiceNumber
{
    public static string SeriesOf(InvoiceKind kind) => kind == InvoiceKind.CreditNote ? "CN" : "APX";

    public static string Format(InvoiceKind kind, int year, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{SeriesOf(kind)}-{year:D4}-{sequence:D6}");
}
