using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>A first payment waiting for the customer to authenticate it with their bank.</summary>
public sealed record WaitingCheckout(Guid PaymentId, Money Amount, string? Method, string? Description, string IdempotencyKey);
