using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Credits;

/// <summary>One part of a deduction: what it takes from one grant (or, with no grant, from the overdraft allowance).</summary>
public sealed record BurnPart(Guid? GrantId, GrantKind? Kind, Millicredits Taken);
