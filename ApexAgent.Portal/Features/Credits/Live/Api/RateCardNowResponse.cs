namespace ApexAgent.Portal.Features.Credits.Live.Api;

/// <summary>The version in force now and the versions saved to take effect later (soonest first).</summary>
public sealed record RateCardNowResponse(RateCardResponse? Current, IReadOnlyList<RateCardResponse> Upcoming);
