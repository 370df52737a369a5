using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Billing;

/// <summary>One line of a plan-change preview: what it is for, over which days, and its amount (rounded once).</summary>
public sealed record ProrationLine(ProrationLineKind Kind, string Description, Money Amount, DateTimeOffset From, DateTimeOffset To);
