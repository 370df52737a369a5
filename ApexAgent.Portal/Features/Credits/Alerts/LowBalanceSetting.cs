using ApexAgent.Domain.Common;

namespace ApexAgent.Portal.Features.Credits.Alerts;

/// <summary>A member's own low-balance threshold (null: none set) and whether the pool is under it now.</summary>
public sealed record LowBalanceSetting(Millicredits? Threshold, bool IsBelow, DateTimeOffset? LastNotifiedAt, Millicredits Available);
