using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>A department's or team's usage in a period (its members', and for a department its teams' too).</summary>
public sealed record UnitUtilisation(Guid UnitId, string Name, UnitKind Kind, string? Parent, int Members, long Used, decimal Share);
