using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>
/// One application as the organisation sees it. <see cref="State"/> is what to tell people: submitted,
/// more_information_requested, approved, expiring_soon (30 days or less left), expired or rejected.
/// </summary>
public sealed record VerificationSummary(
    Guid Id,
    AccountType Type,
    string State,
    string LegalName,
    string Website,
    string Country,
    string InstitutionType,
    string? OfficialId,
    string EmailDomain,
    DateTimeOffset SubmittedAt,
    string? Question,
    string? Answer,
    string? RejectionReason,
    DateTimeOffset? ExpiresAt,
    IReadOnlyList<VerificationDocumentView> Documents)
{
    public const int ExpiringSoonDays = 30;

    public static string StateOf(VerificationApplication a, DateTimeOffset now) => a.Status switch
    {
        VerificationStatus.Submitted => "submitted",
        VerificationStatus.MoreInformationRequested => "more_information_requested",
        VerificationStatus.Rejected => "rejected",
        _ when a.ExpiresAt <= now => "expired",
        _ when a.ExpiresAt - now <= TimeSpan.FromDays(ExpiringSoonDays) => "expiring_soon",
        _ => "approved",
    };

    public static VerificationSummary From(VerificationApplication a, DateTimeOffset now, IReadOnlyList<VerificationDocumentView> documents) => new(
        a.Id, a.Type, StateOf(a, now), a.LegalName, a.Website, a.Country, a.InstitutionType, a.OfficialId, a.EmailDomain, a.SubmittedAt,
        a.Question, a.Answer, a.RejectionReason, a.ExpiresAt, documents);
}
