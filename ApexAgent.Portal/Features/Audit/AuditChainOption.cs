namespace ApexAgent.Portal.Features.Audit;

/// <summary>A log a platform admin can choose: an organisation's, or the platform's own.</summary>
public sealed record AuditChainOption(Guid ChainId, string Name);
