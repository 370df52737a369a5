using System.Globalization;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Credits.Forecasting;

namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>The forecast in the portal's words, for the card on /usage.</summary>
public static class ForecastText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static string Day(DateOnly day) => day.ToString("MMM d", Culture);

    /// <summary>"At your current pace your credits run out around Dec 12 (between Dec 9 and Dec 16)."</summary>
    public static string Sentence(BalanceProjection p)
    {
        if (p.ExpectedDailyUse.Value == 0 && p.RunsOutOn is null)
        {
            return "No usage in the last 28 days, so there is nothing to project yet.";
        }

        if (p.RunsOutOn is not { } point)
        {
            return p.Earliest is { } early
                ? $"At your current pace your credits last beyond the next {p.HorizonDays} days; a busy stretch could empty them around {Day(early)}."
                : $"At your current pace your credits last beyond the next {p.HorizonDays} days.";
        }

        var latest = p.Latest is { } late ? Day(late) : $"beyond {p.HorizonDays} days";
        var early2 = p.Earliest ?? point;
        return early2 == point && p.Latest == point
            ? $"At your current pace your credits run out around {Day(point)}."
            : $"At your current pace your credits run out around {Day(point)} (between {Day(early2)} and {latest}).";
    }

    public static string BuyLink(ForecastSuggestion s) =>
        s.Kind == ForecastSuggestionKind.Pack ? $"/credits/buy?pack={s.Pack.Code}" : $"/credits/buy?autoTopUp={s.Pack.Code}";

    public static string Suggestion(ForecastSuggestion s) => s.Kind == ForecastSuggestionKind.Pack
        ? $"A {s.Pack.Amount.Format()} pack ({s.Pack.Price.Format()}) covers the {s.Shortfall.Format()} you are expected to be short before your next renewal."
        : s.Shortfall.Value > 0
            ? $"You are expected to be {s.Shortfall.Format()} short before your next renewal, more than one pack: auto top-up with the {s.Pack.Amount.Format()} pack ({s.Pack.Price.Format()}) keeps agents running."
            : $"Your credits last until the next renewal but not beyond: auto top-up with the {s.Pack.Amount.Format()} pack ({s.Pack.Price.Format()}) keeps agents running.";
}
