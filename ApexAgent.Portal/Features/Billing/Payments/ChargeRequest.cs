using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing.Payments;

public sealed record ChargeRequest(string IdempotencyKey, string CustomerId, string MethodToken, Money Amount, string Description, bool OffSession);
