namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>What the credits page shows first: the balance, the live grants and the organisation's time zone.</summary>
public sealed record CreditsOverview(Guid OrganizationId, string TimeZone, CreditBalance Balance, IReadOnlyList<Grant> Grants);
