namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>
/// Who used the pool in a period (millicredits): every member (with no usage too), usage that named no user or a former
/// member, the departments and teams (a department includes its teams), and granted vs used per grant kind.
/// </summary>
public sealed record UtilisationReport(
    UsagePeriod Period,
    long PoolUsed,
    long Granted,
    IReadOnlyList<MemberUtilisation> Members,
    IReadOnlyList<UnitUtilisation> Units,
    IReadOnlyList<GrantKindFlow> ByKind);
