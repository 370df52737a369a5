using ApexAgent.Domain.Billing;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>One invoice with its lines, the payments made for it and the credit notes against it.</summary>
public sealed record InvoiceDetail(Invoice Invoice, IReadOnlyList<Payment> Payments, IReadOnlyList<InvoiceSummary> CreditNotes, string? CorrectsNumber);
