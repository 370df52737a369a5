using ApexAgent.Domain.Compliance;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>One organisation's log (or the platform's) with its name, and the outcome of verifying it.</summary>
public sealed record AuditChainStatus(Guid ChainId, string Name, AuditVerification Verification);
