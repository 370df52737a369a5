namespace ApexAgent.Portal.Features.Tax.Api;

/// <summary>The reviewer's reason: required to reject (the customer sees it), optional to approve; at most 500 characters.</summary>
public sealed record ExemptionReviewBody(string? Reason);
