using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>A row of the staff review queue.</summary>
public sealed record VerificationQueueItem(
    Guid Id, Guid OrganizationId, string OrganizationName, AccountType Type, VerificationStatus Status, string State,
    string LegalName, string Country, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ExpiresAt);
