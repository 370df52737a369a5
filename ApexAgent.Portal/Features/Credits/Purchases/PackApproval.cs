using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>
/// A pack purchase waiting for the buyer's approval at a processor: what to ask for (<see cref="Amount"/>, under the
/// payment's <see cref="IdempotencyKey"/>), or <see cref="Done"/> when the account balance paid it all.
/// </summary>
public sealed record PackApproval(Guid PurchaseId, string IdempotencyKey, Money Amount, string Description, PackPurchaseResult? Done);
