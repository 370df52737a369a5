using ApexAgent.Domain.Compliance;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>Whether the log is intact; if not, the first entry at which it is broken, why, and a sentence for people.</summary>
public sealed record AuditVerificationResponse(bool Intact, long EntriesVerified, long? BrokenAtSequence, AuditBreakReason? Reason, string? Detail, string Summary)
{
    public static AuditVerificationResponse From(AuditVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return new AuditVerificationResponse(
            verification.IsIntact,
            verification.EntriesVerified,
            verification.Break?.Sequence,
            verification.Break?.Reason,
            verification.Break?.Detail,
            verification.Summary);
    }
}
