using System.Security.Cryptography;
using System.Text;

namespace ApexAgent.Domain.Compliance;

/// <summary>
/// How audit entries are chained. There is one chain per organisation (its id is the organisation's id) and one
/// for the platform (<see cref="Platform"/>), so that every organisation can verify its own log. An entry's hash is
/// <c>SHA-256(previous hash ‖ canonical entry)</c> in lower-case hex; the first entry follows <see cref="Genesis"/>.
/// </summary>
public static class AuditChain
{
    /// <summary>The chain of events that belong to no organisation: catalog changes, unknown sign-in attempts.</summary>
    public static readonly Guid Platform = Guid.Empty;

    /// <summary>What the first entry of every chain names as its previous hash.</summary>
    public static readonly string Genesis = new('0', 64);

    public static Guid For(Guid? organizationId) => organizationId ?? Platform;

    /// <summary>The hash that seals <paramref name="entry"/> after <paramref name="previousHash"/>.</summary>
    public static string HashOf(string previousHash, AuditRecord entry)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        var canonical = AuditCanonicalForm.Of(entry);
        var previous = Encoding.UTF8.GetBytes(previousHash);
        var input = new byte[previous.Length + canonical.Length];
        previous.CopyTo(input, 0);
        canonical.CopyTo(input, previous.Length);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    /// <summary>
    /// Places <paramref name="draft"/> after <paramref name="tip"/> (null for an empty chain): gives it the next
    /// sequence, the link to the tip and its hash. Its instant is kept to whole microseconds in UTC, so that it reads
    /// back the same from any database (PostgreSQL keeps microseconds).
    /// </summary>
    public static AuditRecord Append(AuditChainTip? tip, AuditRecord draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var placed = draft with
        {
            Sequence = (tip?.Sequence ?? 0) + 1,
            OccurredAt = ToMicroseconds(draft.OccurredAt),
            PreviousHash = tip?.Hash ?? Genesis,
            Hash = "",
        };
        return placed with { Hash = HashOf(placed.PreviousHash, placed) };
    }

    public static DateTimeOffset ToMicroseconds(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }
}
