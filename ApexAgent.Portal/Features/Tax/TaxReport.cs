namespace ApexAgent.Portal.Features.Tax;

/// <summary>The tax report for invoices and credit notes finalised in [From, To).</summary>
public sealed record TaxReport(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<TaxReportRow> Rows, DateTimeOffset GeneratedAt);
