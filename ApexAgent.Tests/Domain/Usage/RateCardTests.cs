using ApexAgent.Domain.Common;
using ApexAgent.Domain.Usage;

namespace ApexAgent.Tests.Domain.Usage;

public sealed class RateCardTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RateCard Card = DefaultRateCard.Version1(Start);

    [Theory]
    [InlineData("agent.step", 3, 3_000)]
    [InlineData("llm.tokens.small", 1_000, 500)]
    [InlineData("llm.tokens.small", 1, 1)] // 0.5 millicredits, half away from zero
    [InlineData("llm.tokens.small", 1_499, 750)] // 749.5
    [InlineData("llm.tokens.standard", 2_500, 5_000)]
    [InlineData("llm.tokens.frontier", 123_456, 1_234_560)]
    [InlineData("browser.minute", 1.5, 3_000)]
    [InlineData("sandbox.minute", 0.001, 1)]
    [InlineData("image.generation", 2, 40_000)]
    [InlineData("data.api_call", 7, 35_000)]
    public void The_default_card_prices_each_feature_of_product_md(string feature, double quantity, long millicredits)
    {
        Assert.Equal(new Millicredits(millicredits), Card.Price(feature, (decimal)quantity).Value);
    }

    [Theory]
    [InlineData("agent.unknown", 1, "unknown_feature")]
    [InlineData("agent.step", 0, "invalid_quantity")]
    [InlineData("agent.step", -1, "invalid_quantity")]
    [InlineData("agent.step", 0.0001, "invalid_quantity")]
    [InlineData("agent.step", 2_000_000_000, "invalid_quantity")]
    public void Unknown_features_and_impossible_quantities_are_refused(string feature, double quantity, string code)
    {
        Assert.Equal(code, Card.Price(feature, (decimal)quantity).Error?.Code);
    }

    [Fact]
    public void Usage_is_priced_by_the_version_in_force_when_it_happened()
    {
        var dearer = new RateCard(2, Start.AddMonths(3), [.. DefaultRateCard.Rates.Select(r => r.Feature == "agent.step" ? r with { PerUnit = Millicredits.FromCredits(2) } : r)]);
        var history = new RateCardHistory([dearer, Card]);

        Assert.Null(history.InForceAt(Start.AddTicks(-1)));
        Assert.Equal(1, history.InForceAt(Start.AddMonths(3).AddTicks(-1))!.Version);
        Assert.Equal(2, history.InForceAt(Start.AddMonths(3))!.Version);
        Assert.Equal(Millicredits.FromCredits(2), history.InForceAt(Start.AddYears(1))!.Price("agent.step", 1).Value);
    }

    [Fact]
    public void A_card_needs_distinct_well_formed_features_and_sensible_prices()
    {
        Assert.Null(Card.Validate());
        Assert.NotNull((Card with { Rates = [] }).Validate());
        Assert.NotNull((Card with { Rates = [.. Card.Rates, Card.Rates[0]] }).Validate());
        Assert.NotNull((Card with { Rates = [new FeatureRate("Agent Step", "step", 1, Millicredits.FromCredits(1))] }).Validate());
        Assert.NotNull((Card with { Rates = [new FeatureRate("agent.step", "step", 0, Millicredits.FromCredits(1))] }).Validate());
        Assert.NotNull((Card with { Rates = [new FeatureRate("agent.step", "step", 1, new Millicredits(-1))] }).Validate());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Prices_are_exact_to_half_a_millicredit_and_never_fall_as_quantity_grows(int seed)
    {
        var random = new Random(seed);
        foreach (var rate in Card.Rates)
        {
            var previous = Millicredits.Zero;
            var quantity = 0m;
            for (var i = 0; i < 200; i++)
            {
                quantity += random.Next(1, 5_000) / 1000m;
                var price = Card.Price(rate.Feature, quantity).Value;
                var exact = quantity * rate.PerUnit.Value / rate.UnitSize;
                Assert.True(Math.Abs(price.Value - exact) <= 0.5m, $"{rate.Feature} × {quantity}: {price.Value} vs {exact}");
                Assert.True(price >= previous, $"{rate.Feature}: {quantity} costs less than a smaller quantity");
                previous = price;
            }
        }
    }
}
