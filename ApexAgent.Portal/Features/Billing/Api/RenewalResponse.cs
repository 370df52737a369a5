using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>When the subscription renews next and for how much.</summary>
public sealed record RenewalResponse(DateTimeOffset At, ApiMoney Amount);
