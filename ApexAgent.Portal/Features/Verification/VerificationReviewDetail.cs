namespace ApexAgent.Portal.Features.Verification;

/// <summary>Everything a reviewer needs on one application: the details, documents, history and the organisation's
/// regulated-data agreements and features.</summary>
public sealed record VerificationReviewDetail(
    VerificationApplication Application,
    string OrganizationName,
    string State,
    IReadOnlyList<VerificationDocumentView> Documents,
    IReadOnlyList<VerificationEvent> History,
    IReadOnlyList<RegulatedAgreementState> Agreements);
