namespace ApexAgent.Domain.Compliance;

/// <summary>Why an audit chain is not intact at an entry.</summary>
public enum AuditBreakReason
{
    /// <summary>The entry's fields no longer match its hash: it was changed after it was written.</summary>
    Altered,

    /// <summary>The entry matches its hash but does not name the hash of the entry before it: one of the two was rewritten.</summary>
    LinkBroken,

    /// <summary>The entry with this sequence is not there: it was deleted.</summary>
    Missing,

    /// <summary>The entry with this sequence is stored out of its place.</summary>
    Reordered,

    /// <summary>The newest entries were deleted: the chain head names a later entry than the last one stored.</summary>
    TailDeleted,

    /// <summary>The chain head does not match the last entry: it is missing, or names a different or earlier entry.</summary>
    HeadMismatch,
}
