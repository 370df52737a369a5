using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing.Payments;

public sealed record RefundRequest(string IdempotencyKey, string ProcessorPaymentId, Money Amount, string Reason);
