using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Credits;

/// <summary>
/// An account's credits: its grants and the append-only entries against them. Nothing is changed in place; every
/// operation answers the entries to append. The balance is the sum of the entries, always.
/// </summary>
public sealed class CreditLedger
{
    public static readonly Error InsufficientCredits = BurnDown.InsufficientCredits;

    private readonly Dictionary<Guid, CreditGrant> grants;
    private readonly List<LedgerEntry> entries;

    public CreditLedger(IEnumerable<CreditGrant> grants, IEnumerable<LedgerEntry> entries)
    {
        this.grants = grants.ToDictionary(g => g.Id);
        this.entries = [.. entries];
        if (this.entries.FirstOrDefault(e => e.GrantId is { } id && !this.grants.ContainsKey(id)) is { } orphan)
        {
            throw new ArgumentException($"Entry {orphan.Id} names grant {orphan.GrantId}, which is not in the ledger.", nameof(entries));
        }
    }

    public IReadOnlyCollection<CreditGrant> Grants => grants.Values;

    public IReadOnlyList<LedgerEntry> Entries => entries;

    /// <summary>The sum of every entry: what the account holds, expired grants not yet written off included.</summary>
    public Millicredits Balance => Sum(entries);

    public Millicredits RemainingOf(Guid grantId) => Sum(entries.Where(e => e.GrantId == grantId));

    /// <summary>What usage can draw on at <paramref name="now"/>: the remainders of grants that have started and not ended.</summary>
    public Millicredits AvailableAt(DateTimeOffset now) =>
        UsableAt(now).Aggregate(Millicredits.Zero, (sum, grant) => sum + RemainingOf(grant.Id)) + Overdrawn;

    /// <summary>Usage charged beyond the grants (negative or zero), under an overdraft allowance.</summary>
    public Millicredits Overdrawn => Sum(entries.Where(e => e.GrantId is null));

    /// <summary>The usable grants in the order usage burns them: soonest expiry first, then by kind, then oldest.</summary>
    public IReadOnlyList<CreditGrant> UsableAt(DateTimeOffset now) =>
        [.. grants.Values.Where(g => g.IsUsableAt(now)).OrderBy(g => g.ExpiresAt).ThenBy(g => g.Kind).ThenBy(g => g.StartsAt).ThenBy(g => g.Id)];

    /// <summary>Gives a grant: one entry. A second grant from the same source is refused.</summary>
    public Result<LedgerEntry> Grant(CreditGrant grant, Guid entryId)
    {
        if (grant.Validate() is { } invalid)
        {
            return invalid;
        }

        if (grants.Values.Any(g => g.Source == grant.Source) || grants.ContainsKey(grant.Id))
        {
            return new Error("grant_already_given", $"Credits from {grant.Source} were already granted.", ErrorKind.Conflict);
        }

        grants.Add(grant.Id, grant);
        return Append(new LedgerEntry(entryId, LedgerEntryKind.Granted, grant.Id, grant.Amount, grant.StartsAt, grant.Source));
    }

    /// <summary>
    /// Deducts <paramref name="amount"/> in burn order, one entry per grant drawn on, all or nothing. What the grants
    /// cannot cover is charged to the overdraft up to <paramref name="overdraftAllowance"/>; beyond that, nothing is
    /// deducted and the answer is <see cref="InsufficientCredits"/>.
    /// </summary>
    public Result<IReadOnlyList<LedgerEntry>> Deduct(Millicredits amount, string reference, DateTimeOffset now, Func<Guid> newId, Millicredits overdraftAllowance = default)
    {
        var usable = UsableAt(now).Select(g => new GrantBalance(g.Id, g.Kind, g.StartsAt, g.ExpiresAt, RemainingOf(g.Id))).ToList();
        var split = BurnDown.Split(usable, amount, overdraftAllowance + Overdrawn);
        if (!split.IsSuccess)
        {
            return split.Error!;
        }

        var parts = split.Value!.Select(p => new LedgerEntry(newId(), LedgerEntryKind.Used, p.GrantId, Millicredits.Zero - p.Taken, now, reference)).ToList();
        entries.AddRange(parts);
        return parts;
    }

    /// <summary>Writes off what is left of every grant that has ended by <paramref name="now"/>: one entry each.</summary>
    public IReadOnlyList<LedgerEntry> ExpireAt(DateTimeOffset now, Func<Guid> newId)
    {
        var expired = grants.Values
            .Where(g => g.ExpiresAt <= now)
            .Select(g => (Grant: g, Left: RemainingOf(g.Id)))
            .Where(x => x.Left > Millicredits.Zero)
            .OrderBy(x => x.Grant.ExpiresAt).ThenBy(x => x.Grant.Id)
            .Select(x => new LedgerEntry(newId(), LedgerEntryKind.Expired, x.Grant.Id, Millicredits.Zero - x.Left, x.Grant.ExpiresAt, x.Grant.Source))
            .ToList();
        entries.AddRange(expired);
        return expired;
    }

    /// <summary>Undoes a usage entry with a new entry that gives its credits back to the same grant (or overdraft). Once only.</summary>
    public Result<LedgerEntry> Reverse(Guid usageEntryId, string reason, DateTimeOffset now, Guid entryId)
    {
        var usage = entries.FirstOrDefault(e => e.Id == usageEntryId);
        if (usage is not { Kind: LedgerEntryKind.Used })
        {
            return Error.NotFound("usage_entry", "usage entry");
        }

        if (entries.Any(e => e.Reverses == usageEntryId))
        {
            return new Error("already_reversed", "This usage was already given back.", ErrorKind.Conflict);
        }

        return Append(new LedgerEntry(entryId, LedgerEntryKind.Reversed, usage.GrantId, Millicredits.Zero - usage.Change, now, reason, usageEntryId));
    }

    /// <summary>Takes back up to <paramref name="amount"/> of what is left of a grant (never more than is left).</summary>
    public Result<LedgerEntry> ClawBack(Guid grantId, Millicredits amount, string reason, DateTimeOffset now, Guid entryId)
    {
        if (!grants.ContainsKey(grantId))
        {
            return Error.NotFound("grant", "credit grant");
        }

        var take = Min(Positive(amount), Positive(RemainingOf(grantId)));
        return Append(new LedgerEntry(entryId, LedgerEntryKind.ClawedBack, grantId, Millicredits.Zero - take, now, reason));
    }

    private LedgerEntry Append(LedgerEntry entry)
    {
        entries.Add(entry);
        return entry;
    }

    private static Millicredits Sum(IEnumerable<LedgerEntry> of) => of.Aggregate(Millicredits.Zero, (sum, e) => sum + e.Change);

    private static Millicredits Min(Millicredits a, Millicredits b) => a < b ? a : b;

    private static Millicredits Positive(Millicredits value) => value > Millicredits.Zero ? value : Millicredits.Zero;
}
