using ApexAgent.Domain.Accounts;

namespace ApexAgent.Domain.Compliance;

/// <summary>
/// Terms a regulated organisation accepts before the features that handle its regulated data are enabled: the
/// business associate agreement (healthcare, HIPAA) or the student-data terms (education, FERPA). Versioned: a new
/// version must be accepted again before the feature can be enabled again.
/// </summary>
public sealed record RegulatedAgreement(
    string Code,
    AccountType AccountType,
    string Title,
    string Version,
    IReadOnlyList<string> Terms,
    string Feature,
    string FeatureName,
    string FeatureDescription);
