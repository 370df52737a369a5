namespace ApexAgent.Domain.Billing;

/// <summary>The two numbered documents: invoices (series APX) and credit notes (series CN).</summary>
public enum InvoiceKind
{
    Invoice = 0,
    CreditNote = 1,
}
