using System.Text;
using ApexAgent.Domain.Tax;

namespace ApexAgent.Tests.Domain.Tax;

/// <summary>The built-in tax table across jurisdictions: rates, reverse charge, exemptions, effective dates, rounding per line.</summary>
public sealed class TaxDeterminationTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly BuiltInTaxTable UsSeller = new(TaxRateTable.Default, "US");

    private static TaxProfile Profile(string country, string? region = null, TaxCustomerStatus status = TaxCustomerStatus.Individual, string? taxId = null, params TaxExemption[] exemptions) =>
        new(country, region, null, status, taxId, exemptions);

    public static TheoryData<string, string?, string?, long, string> Consumers => new()
    {
        // country, region, VAT id (individual: ignored), net 100.00, expected "kind:jurisdiction:amount:rate|…"
        { "DE", null, null, 10_000, "tax:DE:1900:0.19" },
        { "FR", null, null, 10_000, "tax:FR:2000:0.2" },
        { "IE", null, null, 10_000, "tax:IE:2300:0.23" },
        { "NL", null, null, 10_000, "tax:NL:2100:0.21" },
        { "GB", null, null, 10_000, "tax:GB:2000:0.2" },
        { "AU", "NSW", null, 10_000, "tax:AU:1000:0.1" },
        { "US", "TX", null, 10_000, "tax:US-TX:500:0.0625" },
        { "US", "NY", null, 10_000, "tax:US-NY:400:0.04" },
        { "US", "WA", null, 10_000, "tax:US-WA:650:0.065" },
        { "US", "CA", null, 10_000, "" },
        { "US", "FL", null, 10_000, "" },
        { "US", "IL", null, 10_000, "" },
        { "CA", "ON", null, 10_000, "tax:CA-ON:1300:0.13" },
        { "CA", "BC", null, 10_000, "tax:CA:500:0.05|tax:CA-BC:700:0.07" },
        { "CA", "QC", null, 10_000, "tax:CA:500:0.05|tax:CA-QC:998:0.09975" },
        { "CA", "AB", null, 10_000, "tax:CA:500:0.05" },
        { "JP", null, null, 10_000, "" },
        { "US", null, null, 10_000, "" },
    };

    [Theory]
    [MemberData(nameof(Consumers))]
    public void Consumers_pay_their_jurisdictions_taxes(string country, string? region, string? taxId, long net, string expected)
    {
        var lines = UsSeller.Calculate(Profile(country, region, taxId: taxId), [new TaxableLine(1, net)], At);
        Assert.Equal(expected, Describe(lines));
    }

    [Fact]
    public void Texas_taxes_eighty_percent_of_the_price_and_says_so()
    {
        var line = Assert.Single(UsSeller.Calculate(Profile("US", "TX"), [new TaxableLine(1, 10_000)], At));
        Assert.Equal(8_000, line.TaxableMinor);
        Assert.Equal("Sales tax 6.25% on 80% of the price (Texas)", line.Description);
    }

    [Fact]
    public void Tax_lines_read_well()
    {
        Assert.Equal("VAT 19% (Germany)", UsSeller.Calculate(Profile("DE"), [new TaxableLine(1, 1000)], At)[0].Description);
        Assert.Equal(["GST 5% (Canada)", "PST 7% (British Columbia)"], UsSeller.Calculate(Profile("CA", "BC"), [new TaxableLine(1, 1000)], At).Select(l => l.Description));
        Assert.Equal("QST 9.975% (Quebec)", UsSeller.Calculate(Profile("CA", "QC"), [new TaxableLine(1, 1000)], At)[1].Description);
    }

    [Theory]
    [InlineData("DE", "DE123456789", "VAT reverse charge — Article 196 (customer VAT ID DE123456789)")]
    [InlineData("FR", "FR XX 123456789", "VAT reverse charge — Article 196 (customer VAT ID FRXX123456789)")]
    [InlineData("NL", "123456789B01", "VAT reverse charge — Article 196 (customer VAT ID NL123456789B01)")]
    [InlineData("GB", "GB123456789", "VAT reverse charge — customer to account for VAT (VAT reg. no. GB123456789)")]
    [InlineData("AU", "51 824 753 556", "GST not charged — business customer with ABN 51824753556 (reverse charge)")]
    public void Businesses_with_a_valid_id_are_reverse_charged(string country, string taxId, string note)
    {
        var line = Assert.Single(UsSeller.Calculate(Profile(country, country == "AU" ? "VIC" : null, TaxCustomerStatus.Business, taxId), [new TaxableLine(1, 12_345)], At));
        Assert.Equal((TaxLineKind.ReverseCharge, 0L, 12_345L, note), (line.Kind, line.AmountMinor, line.TaxableMinor, line.Description));
    }

    [Fact]
    public void A_business_without_a_valid_vat_number_or_an_individual_with_one_pays_vat()
    {
        Assert.Equal("tax:DE:1900:0.19", Describe(UsSeller.Calculate(Profile("DE", status: TaxCustomerStatus.Business, taxId: "DE12345"), [new TaxableLine(1, 10_000)], At)));
        Assert.Equal("tax:DE:1900:0.19", Describe(UsSeller.Calculate(Profile("DE", status: TaxCustomerStatus.Business), [new TaxableLine(1, 10_000)], At)));
        Assert.Equal("tax:DE:1900:0.19", Describe(UsSeller.Calculate(Profile("DE", taxId: "DE123456789"), [new TaxableLine(1, 10_000)], At)));
        Assert.Equal("tax:DE:1900:0.19", Describe(UsSeller.Calculate(Profile("DE", status: TaxCustomerStatus.Business, taxId: "FR12345678901"), [new TaxableLine(1, 10_000)], At)));
    }

    [Fact]
    public void A_seller_in_the_customers_own_country_charges_vat_to_businesses_there_but_reverse_charges_other_eu_businesses()
    {
        var germanSeller = new BuiltInTaxTable(TaxRateTable.Default, "DE");
        Assert.Equal("tax:DE:1900:0.19", Describe(germanSeller.Calculate(Profile("DE", status: TaxCustomerStatus.Business, taxId: "DE123456789"), [new TaxableLine(1, 10_000)], At)));
        Assert.Equal("tax.reverse_charge:FR:0:0", Describe(germanSeller.Calculate(Profile("FR", status: TaxCustomerStatus.Business, taxId: "FRXX123456789"), [new TaxableLine(1, 10_000)], At)));
    }

    [Fact]
    public void An_exemption_certificate_untaxes_its_jurisdiction_only()
    {
        var ny = UsSeller.Calculate(Profile("US", "NY", exemptions: new TaxExemption("US-NY", "NY-ST-120-77")), [new TaxableLine(1, 10_000)], At);
        var line = Assert.Single(ny);
        Assert.Equal((TaxLineKind.Exempt, 0L, "US-NY", 10_000L), (line.Kind, line.AmountMinor, line.Jurisdiction, line.TaxableMinor));
        Assert.Contains("NY-ST-120-77", line.Description, StringComparison.Ordinal);

        // A BC PST exemption leaves the federal GST.
        var bc = UsSeller.Calculate(Profile("CA", "BC", exemptions: new TaxExemption("CA-BC", "PST-1")), [new TaxableLine(1, 10_000)], At);
        Assert.Equal("tax:CA:500:0.05|tax.exempt:CA-BC:0:0", Describe(bc));

        // A certificate for another state changes nothing.
        Assert.Equal("tax:US-WA:650:0.065", Describe(UsSeller.Calculate(Profile("US", "WA", exemptions: new TaxExemption("US-NY", "NY-1")), [new TaxableLine(1, 10_000)], At)));
    }

    [Theory]
    [InlineData("2020-06-30T23:59:59Z", "tax:DE:1900:0.19")]
    [InlineData("2020-07-01T00:00:00Z", "tax:DE:1600:0.16")]
    [InlineData("2020-12-31T23:59:59Z", "tax:DE:1600:0.16")]
    [InlineData("2021-01-01T00:00:00Z", "tax:DE:1900:0.19")]
    public void Germany_charged_16_percent_in_the_second_half_of_2020(string at, string expected) =>
        Assert.Equal(expected, Describe(UsSeller.Calculate(Profile("DE"), [new TaxableLine(1, 10_000)], DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void Rates_come_from_data_so_a_table_of_the_tests_own_changes_on_its_date()
    {
        const string json = """
            { "jurisdictions": [ { "code": "XX", "name": "Testland", "country": "XX", "eu": false, "taxes": [
              { "name": "VAT", "rate": 0.10, "from": "2000-01-01", "to": "2026-07-01" },
              { "name": "VAT", "rate": 0.125, "from": "2026-07-01" } ] } ] }
            """;
        var table = TaxRateTable.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        var calculator = new BuiltInTaxTable(table, "US");
        Assert.Equal("tax:XX:1000:0.1", Describe(calculator.Calculate(Profile("XX"), [new TaxableLine(1, 10_000)], new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero))));
        Assert.Equal("tax:XX:1250:0.125", Describe(calculator.Calculate(Profile("XX"), [new TaxableLine(1, 10_000)], new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero))));
    }

    [Fact]
    public void Tax_is_rounded_per_line_half_away_from_zero()
    {
        // 19% of 50 = 9.5 → 10 per line; the sum of three lines is 30, not round(28.5) = 29.
        var three = UsSeller.Calculate(Profile("DE"), [new TaxableLine(1, 50), new TaxableLine(2, 50), new TaxableLine(3, 50)], At);
        Assert.Equal(30, Assert.Single(three).AmountMinor);
        Assert.Equal(150, three[0].TaxableMinor);

        // A credit line rounds away from zero too: -9.5 → -10.
        Assert.Equal(0, UsSeller.Calculate(Profile("DE"), [new TaxableLine(1, 50), new TaxableLine(2, -50)], At)[0].AmountMinor);
    }

    [Fact]
    public void No_lines_or_only_zero_lines_give_no_tax() =>
        Assert.Empty(UsSeller.Calculate(Profile("DE"), [new TaxableLine(1, 0)], At));

    [Fact]
    public void Tax_lines_sum_the_per_line_rounded_taxes_and_are_never_negative_on_positive_lines()
    {
        var random = new Random(20261126);
        var places = new (string Country, string? Region)[] { ("DE", null), ("FR", null), ("IE", null), ("GB", null), ("AU", "NSW"), ("US", "TX"), ("US", "NY"), ("US", "CT"), ("CA", "ON"), ("CA", "BC"), ("CA", "QC"), ("CA", "NS"), ("FI", null) };
        for (var i = 0; i < 2_000; i++)
        {
            var (country, region) = places[random.Next(places.Length)];
            var at = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(random.Next(0, 8 * 365 * 24));
            var positive = random.Next(2) == 0;
            var lines = Enumerable.Range(1, random.Next(1, 6)).Select(p => new TaxableLine(p, positive ? random.Next(0, 500_000) : random.Next(-500_000, 500_000))).ToList();
            var profile = Profile(country, region);
            var jurisdiction = TaxRateTable.Default.Resolve(country, region)!;
            var rates = jurisdiction.RatesOn(DateOnly.FromDateTime(at.UtcDateTime));
            var taxes = UsSeller.Calculate(profile, lines, at);
            if (lines.All(l => l.AmountMinor == 0))
            {
                Assert.Empty(taxes);
                continue;
            }

            Assert.Equal(rates.Count, taxes.Count);
            foreach (var (tax, rate) in taxes.Zip(rates))
            {
                var expected = lines.Sum(l => (long)Math.Round(l.AmountMinor * rate.TaxableShare * rate.Rate, MidpointRounding.AwayFromZero));
                Assert.Equal(expected, tax.AmountMinor);
                Assert.Equal(rate.Rate, tax.Rate);
                if (positive)
                {
                    Assert.True(tax.AmountMinor >= 0, $"case {i}: {tax}");
                    Assert.True(tax.AmountMinor <= tax.TaxableMinor, $"case {i}: {tax}");
                }
            }
        }
    }

    [Fact]
    public void The_table_covers_every_eu_member_state_the_uk_us_states_and_dc_canadian_provinces_and_australia()
    {
        var table = TaxRateTable.Default;
        Assert.Equal(27, table.Jurisdictions.Count(j => j.IsEu));
        Assert.Equal(51, table.Jurisdictions.Count(j => j.CountryCode == "US"));
        Assert.Equal(13, table.Jurisdictions.Count(j => j.CountryCode == "CA"));
        Assert.NotNull(table.Find("GB"));
        Assert.NotNull(table.Find("AU"));
        foreach (var j in table.Jurisdictions)
        {
            foreach (var group in j.Rates.GroupBy(r => (r.Name, r.Authority)))
            {
                var spans = group.OrderBy(r => r.From).ToList();
                for (var k = 1; k < spans.Count; k++)
                {
                    Assert.Equal(spans[k - 1].To, (DateOnly?)spans[k].From); // effective dates neither overlap nor leave gaps
                }

                Assert.Null(spans[^1].To);
                Assert.All(spans, r => Assert.InRange(r.Rate, 0.001m, 0.3m));
            }
        }
    }

    private static string Describe(IReadOnlyList<TaxLine> lines) =>
        string.Join('|', lines.Select(l => $"{l.Kind}:{l.Jurisdiction}:{l.AmountMinor}:{l.Rate.ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture)}"));
}
