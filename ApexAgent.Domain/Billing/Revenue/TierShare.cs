using ApexAgent.Domain.Catalog;
using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Billing.Revenue;

/// <summary>How many paying organisations are on a tier and the monthly recurring revenue they bring.</summary>
public sealed record TierShare(TierCode Tier, int Organizations, Money Mrr);
