using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Integrations.Pdf;

/// <summary>One line of the table; <paramref name="Period"/> is e.g. "1 Dec 2026 – 31 Dec 2026".</summary>
public sealed record InvoiceDocumentLine(string Description, string? Period, long Quantity, Money UnitAmount, Money Amount);
