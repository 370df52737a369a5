using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>What one grant paid for an event, in credits; <c>grantId</c> and <c>kind</c> are null for the overdraft allowance.</summary>
public sealed record UsagePartResponse(Guid? GrantId, GrantKind? Kind, decimal Credits);
