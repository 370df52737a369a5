using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Credits;

/// <summary>What is left of one grant, as the usage hot path reads it: enough to put grants in burn order and split a deduction.</summary>
public sealed record GrantBalance(Guid GrantId, GrantKind Kind, DateTimeOffset StartsAt, DateTimeOffset ExpiresAt, Millicredits Remaining)
{
    public bool IsUsableAt(DateTimeOffset now) => StartsAt <= now && now < ExpiresAt;
}
