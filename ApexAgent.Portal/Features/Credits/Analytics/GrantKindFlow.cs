using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>Per grant kind in a period (millicredits): granted (grants starting in it), used, expired (grants ending in it), clawed back.</summary>
public sealed record GrantKindFlow(GrantKind Kind, long Granted, long Used, long Expired, long ClawedBack);
