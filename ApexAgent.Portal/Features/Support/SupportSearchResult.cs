using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;

namespace ApexAgent.Portal.Features.Support;

/// <summary>A customer found by support: who they are and where they belong.</summary>
public sealed record SupportSearchResult(string UserId, string Name, string Email, DateTimeOffset JoinedAt, IReadOnlyList<SupportSearchPlace> Places);

public sealed record SupportSearchPlace(Guid OrganizationId, string OrganizationName, OrganizationKind Kind, TierCode Tier, OrganizationRole Role);
