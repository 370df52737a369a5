using ApexAgent.Domain.Accounts;
using ApexAgent.Domain.Catalog;

namespace ApexAgent.Domain.Discounts;

/// <summary>
/// The fixed discount rates (PRODUCT.md; ADR 0022): the verified account-type discount by tier, and the seat-volume
/// discount of Team and Enterprise by seat count. Rates are fractions (0.5 = 50%).
/// </summary>
public static class DiscountRates
{
    /// <summary>Education 50% off Pro and Team; Healthcare 25% off Pro, Team and Enterprise; nothing otherwise.</summary>
    public static decimal AccountType(AccountType type, TierCode tier) => (type, tier) switch
    {
        (Accounts.AccountType.Education, TierCode.Pro or TierCode.Team) => 0.50m,
        (Accounts.AccountType.Healthcare, TierCode.Pro or TierCode.Team or TierCode.Enterprise) => 0.25m,
        _ => 0m,
    };

    /// <summary>Team and Enterprise seats: 10–49 10%, 50–199 15%, 200+ 20%.</summary>
    public static decimal Volume(TierCode tier, int seats) => tier is TierCode.Team or TierCode.Enterprise
        ? seats switch
        {
            >= 200 => 0.20m,
            >= 50 => 0.15m,
            >= 10 => 0.10m,
            _ => 0m,
        }
        : 0m;

    /// <summary>"50%" or "12.5%".</summary>
    public static string Percent(decimal rate) => (rate * 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>Rounds minor units once, half away from zero.</summary>
    public static long Round(decimal minor) => (long)Math.Round(minor, 0, MidpointRounding.AwayFromZero);
}
