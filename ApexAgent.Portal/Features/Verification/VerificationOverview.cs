namespace ApexAgent.Portal.Features.Verification;

/// <summary>
/// An organisation's verification at a glance: the verification in force (or the last one, expired), the latest
/// application if it is newer (open, or rejected), and whether a new application can be made now.
/// </summary>
public sealed record VerificationOverview(VerificationSummary? Verification, VerificationSummary? Application, bool CanApply);
