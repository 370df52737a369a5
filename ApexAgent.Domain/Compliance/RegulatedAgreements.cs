using ApexAgent.Domain.Accounts;

namespace ApexAgent.Domain.Compliance;

/// <summary>The regulated-data agreements and the organisation features each one gates.</summary>
public static class RegulatedAgreements
{
    public static RegulatedAgreement BusinessAssociate { get; } = new(
        "baa",
        AccountType.Healthcare,
        "Business associate agreement",
        "2026-01",
        [
            "ApexAgent acts as your business associate under HIPAA for the protected health information (PHI) your agents process.",
            "We use and disclose PHI only to provide the service to you, never for advertising or to train models, and we apply administrative, physical and technical safeguards to it.",
            "We report to you any use or disclosure not provided for by this agreement, and any breach of unsecured PHI, without unreasonable delay and within 30 days of discovery.",
            "Our subcontractors that handle PHI agree to the same restrictions. You may inspect how PHI is handled on request.",
            "When the agreement ends we return or destroy the PHI we hold for you, where feasible.",
        ],
        "phi_handling",
        "Protected health information handling",
        "Agents may receive and process protected health information; its logs are kept apart and redacted in exports.");

    public static RegulatedAgreement StudentData { get; } = new(
        "ferpa",
        AccountType.Education,
        "Student-data terms",
        "2026-01",
        [
            "ApexAgent acts as a school official with a legitimate educational interest under FERPA for the education records your agents process.",
            "We use student records only to provide the service to you, never for advertising, profiling or to train models, and we do not re-disclose them.",
            "The records stay under your direct control: you can export and delete them at any time, and we delete them when you end the service.",
            "We notify you of any unauthorised access to student records without unreasonable delay.",
        ],
        "student_records",
        "Student records handling",
        "Agents may receive and process students' education records.");

    public static IReadOnlyList<RegulatedAgreement> All { get; } = [BusinessAssociate, StudentData];

    public static RegulatedAgreement? ByCode(string? code) => All.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.Ordinal));

    public static RegulatedAgreement? ByFeature(string? feature) => All.FirstOrDefault(a => string.Equals(a.Feature, feature, StringComparison.Ordinal));

    public static RegulatedAgreement? For(AccountType type) => All.FirstOrDefault(a => a.AccountType == type);
}
