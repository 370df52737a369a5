using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Common;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Credits.Forecasting;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Credits.Alerts;
using ApexAgent.Portal.Features.Organizations;

namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>Usage summaries, the balance forecast, the caller's low-balance alert and the utilisation CSV.</summary>
public static class UsageAnalyticsApi
{
    private const string CreditsNote = " Credits are decimal numbers of credits (up to three decimals); days are in the organisation's time zone.";

    public static void MapUsageAnalyticsApi(this IEndpointRouteBuilder endpoints)
    {
        var usage = endpoints.MapApiGroup("/usage", "Usage").ProducesProblem(StatusCodes.Status403Forbidden);
        usage.MapGet("/summary", Summary).RequirePermission(Permission.CreditsRead).WithName("GetUsageSummary").Produces<UsageSummaryResponse>()
            .WithSummary("Credits used from/to (days, both included; default the last 30 days), grouped by day, feature or user. "
                + "Grouping by user, or naming another userId, needs credits.analytics.read; any member may ask for userId=<their own id>." + CreditsNote)
            .ProducesValidationProblem();
        usage.MapGet("/utilisation.csv", UtilisationCsv).RequirePermission(Permission.CreditsAnalyticsRead).WithName("ExportCreditUtilisation")
            .Produces<byte[]>(contentType: "text/csv")
            .WithSummary("Per member: credits used, share of the pool, active days, last active, department or team, from/to (default the last 30 days).")
            .ProducesValidationProblem();

        var credits = endpoints.MapApiGroup("/credits", "Credits").ProducesProblem(StatusCodes.Status403Forbidden);
        credits.MapGet("/forecast", Forecast).RequirePermission(Permission.CreditsRead).WithName("GetCreditForecast").Produces<ForecastResponse>()
            .WithSummary("When the balance is expected to run out at the pace of the last 28 days (weekday-aware), with the range, "
                + "the pack or auto top-up that would cover the shortfall, and the projected balance per day for 90 days." + CreditsNote);
        credits.MapGet("/alerts/me", GetAlert).RequirePermission(Permission.CreditsRead).WithName("GetMyLowBalanceAlert").Produces<AlertResponse>()
            .WithSummary("Your own low-balance threshold on the organisation's pool (null when none)." + CreditsNote);
        credits.MapPut("/alerts/me", PutAlert).RequirePermission(Permission.CreditsRead).WithName("SetMyLowBalanceAlert").Produces<AlertResponse>()
            .WithSummary("Sets your threshold: { \"threshold\": 500 } (credits), or null to remove it. You are notified once each time the balance falls under it, in the app and by email."
                + CreditsNote)
            .ProducesValidationProblem();
    }

    private static async Task<IResult> Summary(
        HttpContext http, UsageAnalytics analytics, DateOnly? from, DateOnly? to, string? groupBy, string? userId, CancellationToken ct)
    {
        var actor = http.Actor();
        var grouping = groupBy ?? "day";
        if (grouping is not ("day" or "feature" or "user"))
        {
            return ApiProblems.From(new FieldErrors().Require(false, "groupBy", "Use day, feature or user.").ToError());
        }

        var period = UsagePeriod.Of(from, to, await analytics.TodayAsync(actor, ct));
        if (!period.IsSuccess)
        {
            return ApiProblems.From(period.Error);
        }

        var onlyUser = userId is null ? null : userId == "me" ? actor.UserId : userId;
        if ((grouping == "user" || onlyUser is not null) && onlyUser != actor.UserId && !actor.Can(Permission.CreditsAnalyticsRead))
        {
            return ApiProblems.From(OrganizationService.Forbidden("see other people's usage"));
        }

        var summary = await analytics.SummaryAsync(actor, period.Value, grouping, onlyUser, ct);
        return summary.IsSuccess ? TypedResults.Ok(summary.Value) : ApiProblems.From(summary.Error);
    }

    /// <summary>Also served at /usage/utilisation.csv for the page's download link (portal cookie).</summary>
    internal static async Task<IResult> UtilisationCsv(
        HttpContext http, UsageAnalytics analytics, CreditUtilisation utilisation, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var actor = http.Actor();
        var period = UsagePeriod.Of(from, to, await analytics.TodayAsync(actor, ct));
        if (!period.IsSuccess)
        {
            return ApiProblems.From(period.Error);
        }

        var report = await utilisation.BuildAsync(actor, period.Value, ct);
        return report.IsSuccess
            ? TypedResults.File(CreditUtilisation.ToCsv(report.Value), "text/csv; charset=utf-8", $"credit-utilisation-{period.Value.From:yyyy-MM-dd}-{period.Value.To:yyyy-MM-dd}.csv")
            : ApiProblems.From(report.Error);
    }

    private static async Task<IResult> Forecast(HttpContext http, CreditForecasts forecasts, CancellationToken ct)
    {
        var forecast = await forecasts.ForecastAsync(http.Actor(), ct);
        return forecast.IsSuccess ? TypedResults.Ok(ForecastResponse.From(forecast.Value)) : ApiProblems.From(forecast.Error);
    }

    private static async Task<IResult> GetAlert(HttpContext http, LowBalanceAlerts alerts, CancellationToken ct)
    {
        var setting = await alerts.GetAsync(http.Actor(), ct);
        return setting.IsSuccess ? TypedResults.Ok(AlertResponse.From(setting.Value)) : ApiProblems.From(setting.Error);
    }

    private static async Task<IResult> PutAlert(HttpContext http, LowBalanceAlerts alerts, AlertRequest? request, CancellationToken ct)
    {
        var setting = await alerts.SetAsync(http.Actor(), request?.Threshold, ct);
        return setting.IsSuccess ? TypedResults.Ok(AlertResponse.From(setting.Value)) : ApiProblems.From(setting.Error);
    }

    public sealed record AlertRequest(decimal? Threshold);

    public sealed record AlertResponse(decimal? Threshold, bool IsBelow, DateTimeOffset? LastNotifiedAt, decimal Available)
    {
        public static AlertResponse From(LowBalanceSetting s) => new(s.Threshold?.Credits, s.IsBelow, s.LastNotifiedAt, s.Available.Credits);
    }

    public sealed record ForecastResponse(
        decimal Available, decimal ExpectedDailyUse, DateOnly? RunsOutOn, DateOnly? Earliest, DateOnly? Latest, int HorizonDays, DateOnly? NextRenewal,
        decimal ShortfallBeforeRenewal, SuggestionResponse? Suggestion, IReadOnlyList<ProjectedDayResponse> Days)
    {
        public static ForecastResponse From(CreditForecast f)
        {
            var p = f.Projection;
            return new ForecastResponse(
                f.Available.Credits, p.ExpectedDailyUse.Credits, p.RunsOutOn, p.Earliest, p.Latest, p.HorizonDays, f.NextRenewal, p.ShortfallBeforeRenewal.Credits,
                p.Suggestion is { } s ? SuggestionResponse.From(s) : null,
                p.Days.Select(d => new ProjectedDayResponse(d.Day, new Millicredits(d.Expected).Credits, new Millicredits(d.Busy).Credits, new Millicredits(d.Quiet).Credits)).ToList());
        }
    }

    public sealed record SuggestionResponse(string Kind, string Pack, decimal PackCredits, ApiMoney Price, string Link)
    {
        public static SuggestionResponse From(ForecastSuggestion s) => new(
            s.Kind == ForecastSuggestionKind.Pack ? "pack" : "auto_top_up", s.Pack.Code, s.Pack.Amount.Credits, ApiMoney.From(s.Pack.Price), ForecastText.BuyLink(s));
    }

    public sealed record ProjectedDayResponse(DateOnly Day, decimal Expected, decimal Busy, decimal Quiet);
}
