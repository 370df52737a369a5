namespace ApexAgent.Domain.Compliance;

/// <summary>
/// Verifies one chain, entry by entry, as they are read in sequence order, and then against the chain head. It finds
/// the first entry that was altered (its fields no longer match its hash), that does not follow the entry before it,
/// that is missing or out of its place, and entries deleted from the end. Memory does not grow with the chain.
/// </summary>
/// <remarks>
/// Someone who can rewrite an entry and recompute its hash is caught at the next entry (whose link no longer
/// matches) or, for the newest entry, at the chain head; rewriting the whole rest of the chain and the head is not
/// detectable from the database alone (see docs/adr/0008-audit-hash-chain.md).
/// </remarks>
public sealed class AuditChainVerifier(Guid chainId)
{
    private long expected = 1;
    private string previousHash = AuditChain.Genesis;
    private long verified;
    private long? gap;
    private long firstAfterGap;
    private long lastSeen;
    private AuditBreak? broken;

    /// <summary>True once the chain is known to be broken: nothing read later can change where.</summary>
    public bool IsSettled => broken is not null;

    public static AuditVerification Verify(Guid chainId, IEnumerable<AuditRecord> entries, AuditChainTip? head)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var verifier = new AuditChainVerifier(chainId);
        foreach (var entry in entries)
        {
            verifier.Add(entry);
            if (verifier.IsSettled)
            {
                break;
            }
        }

        return verifier.Complete(head);
    }

    public void Add(AuditRecord entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (broken is not null)
        {
            return;
        }

        if (gap is { } missing)
        {
            // After a gap, keep looking only for the missing entry: found later, it is out of its place.
            if (entry.Sequence == missing)
            {
                broken = new AuditBreak(missing, AuditBreakReason.Reordered, $"it is stored after entry #{lastSeen} instead of after #{missing - 1}");
            }

            lastSeen = entry.Sequence;
            return;
        }

        if (entry.Sequence != expected)
        {
            if (entry.Sequence < expected)
            {
                broken = new AuditBreak(expected, AuditBreakReason.Reordered, $"entry #{entry.Sequence} is stored where #{expected} belongs");
            }
            else
            {
                gap = expected;
                firstAfterGap = entry.Sequence;
                lastSeen = entry.Sequence;
            }

            return;
        }

        if (entry.ChainId != chainId)
        {
            broken = new AuditBreak(entry.Sequence, AuditBreakReason.Altered, "it belongs to another organisation's log");
            return;
        }

        if (!string.Equals(AuditChain.HashOf(entry.PreviousHash, entry), entry.Hash, StringComparison.Ordinal))
        {
            broken = new AuditBreak(
                entry.Sequence,
                AuditBreakReason.Altered,
                string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal)
                    ? "its recorded values no longer match its hash"
                    : "its recorded values no longer match its hash, and it does not follow the entry before it: it was replaced or moved");
            return;
        }

        if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
        {
            broken = new AuditBreak(
                entry.Sequence,
                AuditBreakReason.LinkBroken,
                expected == 1
                    ? "the first entry of a log must start the chain, and this one does not"
                    : $"it names a different hash for entry #{expected - 1} than the one stored: one of the two was rewritten");
            return;
        }

        previousHash = entry.Hash;
        expected++;
        verified++;
    }

    /// <summary>The verdict, once every entry was added; <paramref name="head"/> is null when no head is stored.</summary>
    public AuditVerification Complete(AuditChainTip? head)
    {
        if (broken is null && gap is { } missing)
        {
            broken = new AuditBreak(missing, AuditBreakReason.Missing, $"the log goes from entry #{missing - 1} to #{firstAfterGap}: it was deleted");
        }

        var last = expected - 1;
        if (broken is null)
        {
            if (head is null)
            {
                if (last > 0)
                {
                    broken = new AuditBreak(last, AuditBreakReason.HeadMismatch, "the record of the log's last entry is missing");
                }
            }
            else if (head.Sequence > last)
            {
                broken = new AuditBreak(
                    last + 1,
                    AuditBreakReason.TailDeleted,
                    head.Sequence == last + 1 ? "the newest entry was deleted" : $"the newest entries, #{last + 1} to #{head.Sequence}, were deleted");
            }
            else if (head.Sequence < last)
            {
                verified = head.Sequence;
                broken = new AuditBreak(head.Sequence + 1, AuditBreakReason.HeadMismatch, $"the log ended at entry #{head.Sequence}: this entry was added outside the audit log");
            }
            else if (!string.Equals(head.Hash, previousHash, StringComparison.Ordinal))
            {
                verified = Math.Max(0, last - 1);
                broken = new AuditBreak(last, AuditBreakReason.HeadMismatch, "the record of the log's last entry names a different hash: the entry was rewritten");
            }
        }

        return new AuditVerification(chainId, verified, broken);
    }
}
