using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// An invoice or credit note as staff operate on it: what is still creditable, and whether a refund can go back through
/// the processor (a card charge) or only to the account balance (paid by transfer or from the balance).
/// </summary>
public sealed record StaffInvoiceRow(
    Guid Id,
    string Number,
    InvoiceKind Kind,
    InvoiceStatus Status,
    DateTimeOffset IssuedAt,
    Money Total,
    Money AmountDue,
    DateTimeOffset? DueAt,
    CollectionMethod CollectionMethod,
    Money Creditable,
    bool Refundable,
    string? Memo);
