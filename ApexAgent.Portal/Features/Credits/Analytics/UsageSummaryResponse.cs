namespace ApexAgent.Portal.Features.Credits.Analytics;

/// <summary>The answer of <c>GET /api/v1/usage/summary</c>: credits used in the period, grouped (rows most recent or largest first).</summary>
public sealed record UsageSummaryResponse(DateOnly From, DateOnly To, string GroupBy, string TimeZone, decimal Used, long Events, IReadOnlyList<UsageSummaryResponse.Row> Rows)
{
    /// <summary><see cref="Key"/> is the day (yyyy-MM-dd), the feature id or the user id ("" for usage that named no user).</summary>
    public sealed record Row(string Key, string? Name, decimal Used, long Events);
}
