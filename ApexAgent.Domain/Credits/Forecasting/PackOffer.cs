using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Credits.Forecasting;

/// <summary>A credit pack the forecast may suggest (PRODUCT.md: 1,000 credits $10; 5,000 $45; 20,000 $160).</summary>
public sealed record PackOffer(string Code, Millicredits Credits, Money Price)
{
    public static readonly IReadOnlyList<PackOffer> Default =
    [
        new("pack-1000", Millicredits.FromCredits(1_000), Money.Usd(10_00)),
        new("pack-5000", Millicredits.FromCredits(5_000), Money.Usd(45_00)),
        new("pack-20000", Millicredits.FromCredits(20_000), Money.Usd(160_00)),
    ];
}
