using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>A charge or refund, including failed attempts (with the processor's failure code and a message for people).</summary>
public sealed record PaymentResponse(
    Guid Id,
    Guid InvoiceId,
    string? InvoiceNumber,
    string? Description,
    PaymentKind Kind,
    PaymentStatus Status,
    ApiMoney Amount,
    string? Method,
    string? FailureCode,
    string? FailureMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static PaymentResponse From(PaymentHistoryItem p) => new(
        p.Id, p.InvoiceId, p.InvoiceNumber, p.Description, p.Kind, p.Status, ApiMoney.From(p.Amount), p.Method, p.FailureCode, p.FailureMessage, p.CreatedAt, p.CompletedAt);

    public static PaymentResponse From(Payment p, string? invoiceNumber) => new(
        p.Id, p.InvoiceId, invoiceNumber, null, p.Kind, p.Status, ApiMoney.From(p.Amount), p.MethodDescription, p.FailureCode, p.FailureMessage, p.CreatedAt, p.CompletedAt);
}
