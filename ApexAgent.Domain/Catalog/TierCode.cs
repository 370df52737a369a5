namespace ApexAgent.Domain.Catalog;

/// <summary>The four subscription tiers, in ascending order.</summary>
public enum TierCode
{
    Free = 0,
    Pro = 1,
    Team = 2,
    Enterprise = 3,
}
