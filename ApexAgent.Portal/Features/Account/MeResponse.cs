using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Portal.Features.Account;

/// <summary>The body of <c>GET /api/v1/me</c>.</summary>
public sealed record MeResponse(MeResponse.UserPart User, MeResponse.OrganizationPart Organization, MeResponse.SubscriptionPart Subscription, MeResponse.KeyPart? ApiKey)
{
    public static MeResponse From(AccountSnapshot s, Actor actor) => new(
        new UserPart(s.UserId, s.Email, s.DisplayName, s.EmailConfirmed, s.TimeZone, s.Country),
        new OrganizationPart(s.OrganizationId, s.OrganizationName, s.OrganizationKind, actor.Assignment.Role, actor.Assignment.Scope),
        new SubscriptionPart(s.Tier, s.TierVersion, s.Cycle, s.Seats, s.Status, s.PeriodStart, s.PeriodEnd),
        actor.ApiKeyId is { } keyId ? new KeyPart(keyId, actor.Permissions.Order(StringComparer.Ordinal).ToList()) : null);

    public sealed record UserPart(string Id, string Email, string Name, bool EmailConfirmed, string TimeZone, string? Country);

    /// <param name="UnitId">The department or team the role is held at; null for the whole organisation.</param>
    public sealed record OrganizationPart(Guid Id, string Name, OrganizationKind Kind, OrganizationRole Role, Guid? UnitId);

    public sealed record SubscriptionPart(TierCode Tier, int TierVersion, BillingCycle BillingCycle, int Seats, SubscriptionStatus Status, DateTimeOffset CurrentPeriodStart, DateTimeOffset CurrentPeriodEnd);

    public sealed record KeyPart(Guid Id, IReadOnlyList<string> Scopes);
}
