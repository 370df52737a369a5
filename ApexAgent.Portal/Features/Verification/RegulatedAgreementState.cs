using ApexAgent.Domain.Compliance;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>An agreement as it stands for one organisation: its latest acceptance (of any version) and whether the
/// current version is accepted, and whether the feature it gates is on.</summary>
public sealed record RegulatedAgreementState(RegulatedAgreement Agreement, AgreementAcceptance? LatestAcceptance, bool CurrentVersionAccepted, bool FeatureEnabled);
