using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing;

public sealed record PaymentHistoryItem(
    Guid Id,
    Guid InvoiceId,
    string? InvoiceNumber,
    string? Description,
    PaymentKind Kind,
    PaymentStatus Status,
    Money Amount,
    string? Method,
    string? FailureCode,
    string? FailureMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);
