using System.Globalization;

namespace ApexAgent.Domain.Compliance;

/// <summary>
/// The outcome of verifying one chain: intact with the number of entries verified, or the first break
/// (<see cref="EntriesVerified"/> then counts the entries before it that were verified).
/// </summary>
public sealed record AuditVerification(Guid ChainId, long EntriesVerified, AuditBreak? Break)
{
    public bool IsIntact => Break is null;

    public string Summary => Break is { } broken
        ? $"Entry #{broken.Sequence} {Describe(broken.Reason)} ({broken.Detail})"
        : $"Intact: {EntriesVerified.ToString("N0", CultureInfo.InvariantCulture)} {(EntriesVerified == 1 ? "entry" : "entries")} verified";

    private static string Describe(AuditBreakReason reason) => reason switch
    {
        AuditBreakReason.Altered => "was altered",
        AuditBreakReason.LinkBroken => "does not follow the entry before it",
        AuditBreakReason.Missing => "is missing",
        AuditBreakReason.Reordered => "is out of order",
        AuditBreakReason.TailDeleted => "and the entries after it were deleted",
        _ => "does not match the chain head",
    };
}
