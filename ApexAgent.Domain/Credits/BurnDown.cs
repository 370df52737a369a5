using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Credits;

/// <summary>
/// The burn-down rule of PRODUCT.md, on its own so that the in-memory ledger and the batched usage writer share it:
/// usable grants burn soonest expiry first; at equal expiry daily, bonus, base, department, purchased, promotional;
/// then oldest first. A deduction is all or nothing.
/// </summary>
public static class BurnDown
{
    public static readonly Error InsufficientCredits = new("insufficient_credits", "The balance does not cover this usage; nothing was deducted.", ErrorKind.PaymentRequired);

    /// <summary>The grants usable at <paramref name="now"/>, in the order usage burns them.</summary>
    public static List<GrantBalance> Order(IEnumerable<GrantBalance> grants, DateTimeOffset now) =>
        [.. grants.Where(g => g.IsUsableAt(now)).OrderBy(g => g.ExpiresAt).ThenBy(g => g.Kind).ThenBy(g => g.StartsAt).ThenBy(g => g.GrantId)];

    /// <summary>
    /// Splits <paramref name="amount"/> over <paramref name="ordered"/> (already in burn order), then the overdraft
    /// left (the allowance less what is already drawn; negative when an allowance was lowered below the debt). Answers
    /// the parts, or <see cref="InsufficientCredits"/> when grants and overdraft together fall short.
    /// Does not change the grants: the caller applies the parts.
    /// </summary>
    public static Result<IReadOnlyList<BurnPart>> Split(IReadOnlyList<GrantBalance> ordered, Millicredits amount, Millicredits overdraftLeft)
    {
        if (amount <= Millicredits.Zero)
        {
            return new Error("usage_not_positive", "Usage deducts a positive number of credits.");
        }

        // The balance after (grants less what the overdraft owes, less this) may not fall below minus the allowance. An
        // overdraft already beyond a lowered allowance leaves less of the grants usable: overdraftLeft is then negative.
        var grantsHold = 0L;
        foreach (var grant in ordered)
        {
            grantsHold += Math.Max(0, grant.Remaining.Value);
        }

        if (grantsHold + overdraftLeft.Value < amount.Value)
        {
            return InsufficientCredits;
        }

        var parts = new List<BurnPart>(2);
        var rest = amount.Value;
        foreach (var grant in ordered)
        {
            var take = Math.Min(rest, Math.Max(0, grant.Remaining.Value));
            if (take > 0)
            {
                parts.Add(new BurnPart(grant.GrantId, grant.Kind, new Millicredits(take)));
                rest -= take;
                if (rest == 0)
                {
                    return parts;
                }
            }
        }

        parts.Add(new BurnPart(null, null, new Millicredits(rest)));
        return parts;
    }
}
