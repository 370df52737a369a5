namespace ApexAgent.Portal.Features.Credits.Purchases.Api;

public sealed record AutoTopUpResponse(bool Enabled, long Threshold, string Pack, int MonthlyLimit, int UsedThisMonth, bool Paused, DateTimeOffset? FailedAt, string? FailureMessage, string? PaymentMethod)
{
    public static AutoTopUpResponse From(AutoTopUpSettings s) =>
        new(s.Enabled, s.ThresholdCredits, s.Pack, s.MonthlyLimit, s.UsedThisMonth, s.FailedAt is not null, s.FailedAt, s.FailureMessage, s.PaymentMethod);
}
