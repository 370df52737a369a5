using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Credits;

/// <summary>An organisation's available credits right after a committed change, and what caused it ("usage", "grant", "expiry", "purchase").</summary>
public sealed record BalanceChange(Guid OrganizationId, Millicredits Available, DateTimeOffset At, string Cause);
