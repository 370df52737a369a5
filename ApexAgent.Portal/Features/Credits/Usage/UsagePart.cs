using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits.Usage;

/// <summary>What one grant paid for a usage event (millicredits); no grant means the overdraft allowance paid.</summary>
public sealed record UsagePart(Guid? GrantId, GrantKind? Kind, long Taken);
