namespace ApexAgent.Portal.Integrations.Pdf;

/// <summary>
/// Everything an invoice or credit-note PDF shows, already decided and worded: the renderer only lays it out.
/// </summary>
/// <param name="Title">"Invoice" or "Credit note".</param>
/// <param name="Number">"APX-2026-000123", "CN-2026-000045", or "Draft".</param>
/// <param name="Totals">In the order printed, e.g. Subtotal, Account balance applied, Total, Amount paid, Amount due.</param>
/// <param name="PaymentStatus">e.g. "Paid on 3 Dec 2026 by Visa •••• 4242", "Due 2 Jan 2027", "Void", "Refunded".</param>
/// <param name="Reference">e.g. "Corrects invoice APX-2026-000120".</param>
/// <param name="Footer">Free text printed after the totals.</param>
public sealed record InvoiceDocument(
    string Title,
    string Number,
    DateTimeOffset IssuedAt,
    DateTimeOffset? DueAt,
    DocumentParty Seller,
    DocumentParty Buyer,
    IReadOnlyList<InvoiceDocumentLine> Lines,
    IReadOnlyList<InvoiceDocumentTotal> Totals,
    string PaymentStatus,
    string? Reference,
    string? Footer);
