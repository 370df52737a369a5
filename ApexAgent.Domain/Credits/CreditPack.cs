using System.Globalization;
using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Credits;

/// <summary>
/// A credit pack on sale (PRODUCT.md): bought in one click with the saved payment method, or automatically by auto
/// top-up. Purchased credits expire <see cref="Validity"/> after purchase.
/// </summary>
public sealed record CreditPack(string Code, long Credits, Money Price, bool BestValue = false)
{
    /// <summary>Purchased credits expire 12 months after purchase.</summary>
    public static DateTimeOffset ExpiryOf(DateTimeOffset purchasedAt) => purchasedAt.AddMonths(12);

    public static IReadOnlyList<CreditPack> All { get; } =
    [
        new("pack-1000", 1_000, Money.Usd(10_00)),
        new("pack-5000", 5_000, Money.Usd(45_00)),
        new("pack-20000", 20_000, Money.Usd(160_00), BestValue: true),
    ];

    public static CreditPack? Find(string? code) => All.FirstOrDefault(p => string.Equals(p.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public Millicredits Amount => Millicredits.FromCredits(Credits);

    /// <summary>The price of 1,000 credits in this pack, rounded once, half away from zero.</summary>
    public Money PricePerThousand => Money.FromMinorDecimal(Price.Minor * 1_000m / Credits, Price.Currency);

    public string Name => Credits.ToString("N0", CultureInfo.InvariantCulture) + " credits";

    /// <summary>An enterprise bulk purchase is at least this many credits, at a negotiated price.</summary>
    public const long BulkMinimumCredits = 100_000;
}
