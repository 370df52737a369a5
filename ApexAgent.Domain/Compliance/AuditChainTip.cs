namespace ApexAgent.Domain.Compliance;

/// <summary>
/// The last entry of a chain as recorded beside it, in the same transaction as the entry: it shows whether entries
/// were deleted from the end, which the entries alone cannot show.
/// </summary>
public sealed record AuditChainTip(long Sequence, string Hash);
