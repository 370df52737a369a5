using ApexAgent.Domain.Billing;
using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>One line of a plan-change quote: unused time credited (negative), remaining time or a new period charged.</summary>
public sealed record QuoteLineResponse(ProrationLineKind Kind, string Description, ApiMoney Amount, DateTimeOffset From, DateTimeOffset To);
