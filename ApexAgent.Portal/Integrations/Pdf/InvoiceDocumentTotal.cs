using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Integrations.Pdf;

/// <summary>One row of the totals block; <paramref name="Emphasis"/> rows (Total, Amount due) are printed bold.</summary>
public sealed record InvoiceDocumentTotal(string Label, Money Amount, bool Emphasis = false);
