using ApexAgent.Domain.Catalog;

namespace ApexAgent.Portal.Features.Catalog;

/// <summary>One line of "what a plan includes", as the pricing page and the dashboard show it.</summary>
public sealed record TierFact(string Label, string Value, bool Included)
{
    public static IReadOnlyList<TierFact> For(Tier tier)
    {
        var t = tier.Terms;
        return
        [
            new("Base credits each period", $"{t.BaseCredits:N0}{(t.BaseCreditsPerSeat ? " per seat, pooled" : "")}", t.BaseCredits > 0),
            new("Daily refresh credits", DailyRefresh(t), t.DailyRefreshCredits > 0),
            new("First-period bonus", t.FirstPeriodBonusCredits > 0 ? $"{t.FirstPeriodBonusCredits:N0}{(t.FirstPeriodBonusPerSeat ? " per seat" : "")}" : "—", t.FirstPeriodBonusCredits > 0),
            new("Concurrent agent tasks", t.ConcurrentTasksPerUser is { } perUser ? $"{t.ConcurrentTasks} per organisation, {perUser} per user" : $"{t.ConcurrentTasks}", true),
            new("Task priority", t.Priority.ToString().ToLowerInvariant(), true),
            new("Licences", Licences(t.Licences), true),
            new("Bring your own provider keys", t.BringYourOwnKeys ? "Included" : "—", t.BringYourOwnKeys),
            new("Live REST API keys", t.ApiAccess ? "Included" : "Test keys only", t.ApiAccess),
            new("Seats", t.PricedPerSeat ? $"Minimum {t.MinSeats}, priced per seat" : "1", true),
        ];
    }

    public static string Price(Tier tier, bool annual)
    {
        var t = tier.Terms;
        if (tier.IsFree)
        {
            return "$0";
        }

        var minor = annual ? t.AnnualPriceMinor ?? t.MonthlyPriceMinor * 12 : t.MonthlyPriceMinor;
        return new ApexAgent.Domain.Common.Money(minor, tier.Currency).Format().Replace(".00", "", StringComparison.Ordinal);
    }

    public static string PriceUnit(Tier tier, bool annual) =>
        tier.IsFree ? "forever" : (tier.Terms.PricedPerSeat ? "per seat / " : "per ") + (annual ? "year" : "month");

    private static string DailyRefresh(TierTerms t) =>
        t.DailyRefreshCreditsPerSeat > 0 ? $"{t.DailyRefreshCredits:N0} + {t.DailyRefreshCreditsPerSeat:N0} per seat, every day" : $"{t.DailyRefreshCredits:N0} every day";

    private static string Licences(LicenceKinds kinds) => string.Join(", ", Enum.GetValues<LicenceKinds>()
        .Where(k => k != LicenceKinds.None && kinds.HasFlag(k))
        .Select(k => k switch
        {
            LicenceKinds.Personal => "personal",
            LicenceKinds.PerSeat => "per seat",
            LicenceKinds.PerDevice => "per device",
            LicenceKinds.Site => "site",
            _ => k.ToString(),
        }));
}
