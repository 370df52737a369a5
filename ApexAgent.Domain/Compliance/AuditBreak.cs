namespace ApexAgent.Domain.Compliance;

/// <summary>The first entry at which a chain is broken, why, and what was found there, in words for people.</summary>
public sealed record AuditBreak(long Sequence, AuditBreakReason Reason, string Detail);
