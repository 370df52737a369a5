using System.Text.RegularExpressions;
using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Subscriptions;

namespace ApexAgent.Domain.Discounts;

/// <summary>
/// A discount code staff create (ADR 0022): percent or fixed amount off subscription invoices, or credits; for one
/// invoice, N billing periods or forever; limited in redemptions, time, tiers and cycles. Codes are case-insensitive and
/// stored upper-case. A code is never deleted: it is paused, resumed or retired.
/// </summary>
public sealed partial class DiscountCode
{
    public const int MaxCodeLength = 32;

    private DiscountCode()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Upper-case, A–Z, 0–9, '-' and '_'.</summary>
    public string Code { get; private set; } = "";

    public DiscountKind Kind { get; private set; }

    /// <summary>Percent off in basis points (2500 = 25%).</summary>
    public int? PercentBasisPoints { get; private set; }

    public long? AmountOffMinor { get; private set; }

    public string? CurrencyCode { get; private set; }

    /// <summary>Whole credits granted when the first invoice is paid (credit codes).</summary>
    public long? Credits { get; private set; }

    public DiscountDuration Duration { get; private set; }

    /// <summary>Billing periods discounted (repeating codes).</summary>
    public int? Periods { get; private set; }

    public int? MaxRedemptions { get; private set; }

    public DateTimeOffset? StartsAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>Comma-separated tier names; empty: every paid tier.</summary>
    public string Tiers { get; private set; } = "";

    /// <summary>Comma-separated cycle names; empty: both.</summary>
    public string Cycles { get; private set; } = "";

    public bool FirstSubscriptionOnly { get; private set; }

    public bool Stackable { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public DateTimeOffset? PausedAt { get; private set; }

    public DateTimeOffset? RetiredAt { get; private set; }

    public decimal? PercentOff => PercentBasisPoints / 100m;

    public IReadOnlyList<TierCode> TierList => Tiers.Length == 0 ? [] : Tiers.Split(',').Select(Enum.Parse<TierCode>).ToList();

    public IReadOnlyList<BillingCycle> CycleList => Cycles.Length == 0 ? [] : Cycles.Split(',').Select(Enum.Parse<BillingCycle>).ToList();

    /// <summary>Trims and upper-cases what a customer typed (null when empty).</summary>
    public static string? Normalise(string? code)
    {
        var trimmed = code?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.ToUpperInvariant();
    }

    /// <summary>Is this a well-formed code (after <see cref="Normalise"/>)?</summary>
    public static bool IsWellFormed(string code) => code.Length <= MaxCodeLength && CodePattern().IsMatch(code);

    /// <summary>Validates <paramref name="terms"/>; returns the code, or the field errors.</summary>
    public static Result<DiscountCode> Create(DiscountCodeTerms terms, string? createdBy, DateTimeOffset now)
    {
        var code = Normalise(terms.Code) ?? "";
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];
        if (!IsWellFormed(code))
        {
            Fail("code", $"Use 1 to {MaxCodeLength} letters, digits, '-' or '_'.");
        }

        if (!Enum.IsDefined(terms.Kind))
        {
            Fail("kind", "Choose percent, fixed amount or credits.");
        }

        if (terms.Kind == DiscountKind.Percent && (terms.PercentOff is not { } p || p <= 0 || p > 100 || decimal.Round(p, 2) != p))
        {
            Fail("percentOff", "Give a percentage above 0 and at most 100 (two decimals at most).");
        }

        if (terms.Kind == DiscountKind.FixedAmount)
        {
            if (terms.AmountOffMinor is not (> 0 and <= 100_000_000))
            {
                Fail("amountOff", "Give an amount above zero.");
            }

            if (terms.CurrencyCode is null || terms.CurrencyCode.ToUpperInvariant() is not ("USD" or "EUR" or "GBP"))
            {
                Fail("currency", "Give the currency of the amount, e.g. USD.");
            }
        }

        if (terms.Kind == DiscountKind.Credits && terms.Credits is not (>= 1 and <= 1_000_000))
        {
            Fail("credits", "Give the credits the code grants, from 1 to 1,000,000.");
        }

        if (!Enum.IsDefined(terms.Duration))
        {
            Fail("duration", "Choose once, repeating or forever.");
        }

        if (terms.Duration == DiscountDuration.Repeating && terms.Periods is not (>= 1 and <= 120))
        {
            Fail("periods", "A repeating code discounts between 1 and 120 billing periods.");
        }

        if (terms.MaxRedemptions is <= 0)
        {
            Fail("maxRedemptions", "Leave empty for no limit, or give at least 1.");
        }

        if (terms is { StartsAt: { } starts, ExpiresAt: { } expires } && expires <= starts)
        {
            Fail("expiresAt", "The code must expire after it starts.");
        }

        if (terms.Tiers.Any(t => !Enum.IsDefined(t) || t == TierCode.Free) || terms.Cycles.Any(c => !Enum.IsDefined(c)))
        {
            Fail("tiers", "Codes apply to paid tiers (Pro, Team, Enterprise) and monthly or annual cycles.");
        }

        if (terms.Note is { Length: > 500 })
        {
            Fail("note", "Keep the note under 500 characters.");
        }

        if (errors.Count > 0)
        {
            return Error.Invalid(errors);
        }

        return new DiscountCode
        {
            Id = Guid.CreateVersion7(now),
            Code = code,
            Kind = terms.Kind,
            PercentBasisPoints = terms.Kind == DiscountKind.Percent ? (int)(terms.PercentOff!.Value * 100m) : null,
            AmountOffMinor = terms.Kind == DiscountKind.FixedAmount ? terms.AmountOffMinor : null,
            CurrencyCode = terms.Kind == DiscountKind.FixedAmount ? terms.CurrencyCode!.ToUpperInvariant() : null,
            Credits = terms.Kind == DiscountKind.Credits ? terms.Credits : null,
            Duration = terms.Kind == DiscountKind.Credits ? DiscountDuration.Once : terms.Duration,
            Periods = terms.Duration == DiscountDuration.Repeating && terms.Kind != DiscountKind.Credits ? terms.Periods : null,
            MaxRedemptions = terms.MaxRedemptions,
            StartsAt = terms.StartsAt,
            ExpiresAt = terms.ExpiresAt,
            Tiers = string.Join(',', terms.Tiers.Distinct().Order()),
            Cycles = string.Join(',', terms.Cycles.Distinct().Order()),
            FirstSubscriptionOnly = terms.FirstSubscriptionOnly,
            Stackable = terms.Stackable,
            Note = string.IsNullOrWhiteSpace(terms.Note) ? null : terms.Note.Trim(),
            CreatedAt = now,
            CreatedByUserId = createdBy,
        };
    }

    /// <summary>The code's status at <paramref name="now"/> given how many redemptions count against its limit.</summary>
    public DiscountCodeStatus StatusAt(DateTimeOffset now, int redemptions)
    {
        if (RetiredAt is not null)
        {
            return DiscountCodeStatus.Retired;
        }

        if (ExpiresAt is { } expires && now >= expires)
        {
            return DiscountCodeStatus.Expired;
        }

        if (PausedAt is not null)
        {
            return DiscountCodeStatus.Paused;
        }

        if (MaxRedemptions is { } max && redemptions >= max)
        {
            return DiscountCodeStatus.UsedUp;
        }

        return StartsAt is { } starts && now < starts ? DiscountCodeStatus.Scheduled : DiscountCodeStatus.Active;
    }

    public bool AppliesTo(TierCode tier) => Tiers.Length == 0 || TierList.Contains(tier);

    public bool AppliesTo(BillingCycle cycle) => Cycles.Length == 0 || CycleList.Contains(cycle);

    /// <summary>"25% off", "$10.00 off", "500 credits".</summary>
    public string Offer() => Kind switch
    {
        DiscountKind.Percent => $"{DiscountRates.Percent(PercentOff!.Value / 100m)} off",
        DiscountKind.FixedAmount => $"{new Money(AmountOffMinor!.Value, Currency.FromCode(CurrencyCode!)).Format()} off",
        _ => $"{Credits:N0} credits",
    };

    public Result<bool> Pause(DateTimeOffset now)
    {
        if (RetiredAt is not null || PausedAt is not null)
        {
            return new Error("discount_code_not_active", $"{Code} is {(RetiredAt is null ? "already paused" : "retired")}.", ErrorKind.Conflict);
        }

        PausedAt = now;
        return true;
    }

    public Result<bool> Resume()
    {
        if (RetiredAt is not null || PausedAt is null)
        {
            return new Error("discount_code_not_paused", $"{Code} is not paused.", ErrorKind.Conflict);
        }

        PausedAt = null;
        return true;
    }

    public Result<bool> Retire(DateTimeOffset now)
    {
        if (RetiredAt is not null)
        {
            return new Error("discount_code_retired", $"{Code} is already retired.", ErrorKind.Conflict);
        }

        RetiredAt = now;
        return true;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]*$")]
    private static partial Regex CodePattern();
}
