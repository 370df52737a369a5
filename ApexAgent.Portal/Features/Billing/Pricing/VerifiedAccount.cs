using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Billing.Pricing;

/// <summary>An organisation's valid verification: Education or Healthcare, until when (exclusive).</summary>
public sealed record VerifiedAccount(AccountType Type, DateTimeOffset ExpiresAt);
