using ApexAgent.Domain.Catalog;

namespace ApexAgent.Tests.Domain.Catalog;

public sealed class TierTermsValidationTests
{
    /// <summary>A valid per-seat tier that each case breaks in exactly one way.</summary>
    private static TierTerms Valid() => new()
    {
        Name = "Studio",
        Tagline = "For small studios.",
        CurrencyCode = "USD",
        MonthlyPriceMinor = 3_000,
        AnnualPriceMinor = 30_000,
        PricedPerSeat = true,
        MinSeats = 3,
        BaseCredits = 6_000,
        BaseCreditsPerSeat = true,
        DailyRefreshCredits = 400,
        DailyRefreshCreditsPerSeat = 50,
        FirstPeriodBonusCredits = 1_000,
        FirstPeriodBonusPerSeat = true,
        ConcurrentTasks = 8,
        ConcurrentTasksPerUser = 2,
        Priority = TaskPriority.High,
        Licences = LicenceKinds.PerSeat,
        BringYourOwnKeys = true,
        ApiAccess = true,
    };

    private static readonly Dictionary<string, Func<TierTerms, TierTerms>> InvalidCases = new(StringComparer.Ordinal)
    {
        ["empty name"] = t => t with { Name = "" },
        ["blank name"] = t => t with { Name = "   " },
        ["name of 41 characters"] = t => t with { Name = new string('n', 41) },
        ["tagline of 121 characters"] = t => t with { Tagline = new string('t', 121) },
        ["unsupported currency"] = t => t with { CurrencyCode = "JPY" },
        ["lower-case currency"] = t => t with { CurrencyCode = "usd" },
        ["empty currency"] = t => t with { CurrencyCode = "" },
        ["negative monthly price"] = t => t with { MonthlyPriceMinor = -1 },
        ["monthly price above 1,000,000"] = t => t with { MonthlyPriceMinor = 100_000_001 },
        ["negative annual price"] = t => t with { AnnualPriceMinor = -1 },
        ["annual price above 10,000,000"] = t => t with { AnnualPriceMinor = 1_000_000_001 },
        ["annual contract without annual price"] = t => t with { AnnualContractOnly = true, AnnualPriceMinor = null },
        ["zero minimum seats"] = t => t with { MinSeats = 0 },
        ["negative minimum seats"] = t => t with { MinSeats = -2 },
        ["minimum seats above 100,000"] = t => t with { MinSeats = 100_001 },
        ["daily credits per seat on a tier not priced per seat"] = t => t with { PricedPerSeat = false, MinSeats = 1, DailyRefreshCreditsPerSeat = 10 },
        ["several seats required on a tier not priced per seat"] = t => t with { PricedPerSeat = false, MinSeats = 2, DailyRefreshCreditsPerSeat = 0 },
        ["negative base credits"] = t => t with { BaseCredits = -1 },
        ["base credits above 100,000,000"] = t => t with { BaseCredits = 100_000_001 },
        ["negative daily refresh"] = t => t with { DailyRefreshCredits = -1 },
        ["daily refresh above 10,000,000"] = t => t with { DailyRefreshCredits = 10_000_001 },
        ["negative daily refresh per seat"] = t => t with { DailyRefreshCreditsPerSeat = -1 },
        ["daily refresh per seat above 10,000,000"] = t => t with { DailyRefreshCreditsPerSeat = 10_000_001 },
        ["negative first-period bonus"] = t => t with { FirstPeriodBonusCredits = -1 },
        ["first-period bonus above 100,000,000"] = t => t with { FirstPeriodBonusCredits = 100_000_001 },
        ["zero concurrent tasks"] = t => t with { ConcurrentTasks = 0, ConcurrentTasksPerUser = null },
        ["concurrent tasks above 10,000"] = t => t with { ConcurrentTasks = 10_001, ConcurrentTasksPerUser = null },
        ["zero tasks per user"] = t => t with { ConcurrentTasksPerUser = 0 },
        ["more tasks per user than per organisation"] = t => t with { ConcurrentTasks = 4, ConcurrentTasksPerUser = 5 },
        ["unknown priority"] = t => t with { Priority = (TaskPriority)9 },
        ["negative priority"] = t => t with { Priority = (TaskPriority)(-1) },
        ["no licence kind"] = t => t with { Licences = LicenceKinds.None },
        ["unknown licence kind"] = t => t with { Licences = (LicenceKinds)16 },
        ["known licence kind mixed with an unknown one"] = t => t with { Licences = LicenceKinds.PerSeat | (LicenceKinds)32 },
    };

    public static TheoryData<string, string> InvalidFields => new()
    {
        { "empty name", nameof(TierTerms.Name) },
        { "blank name", nameof(TierTerms.Name) },
        { "name of 41 characters", nameof(TierTerms.Name) },
        { "tagline of 121 characters", nameof(TierTerms.Tagline) },
        { "unsupported currency", nameof(TierTerms.CurrencyCode) },
        { "lower-case currency", nameof(TierTerms.CurrencyCode) },
        { "empty currency", nameof(TierTerms.CurrencyCode) },
        { "negative monthly price", nameof(TierTerms.MonthlyPriceMinor) },
        { "monthly price above 1,000,000", nameof(TierTerms.MonthlyPriceMinor) },
        { "negative annual price", nameof(TierTerms.AnnualPriceMinor) },
        { "annual price above 10,000,000", nameof(TierTerms.AnnualPriceMinor) },
        { "annual contract without annual price", nameof(TierTerms.AnnualPriceMinor) },
        { "zero minimum seats", nameof(TierTerms.MinSeats) },
        { "negative minimum seats", nameof(TierTerms.MinSeats) },
        { "minimum seats above 100,000", nameof(TierTerms.MinSeats) },
        { "several seats required on a tier not priced per seat", nameof(TierTerms.MinSeats) },
        { "daily credits per seat on a tier not priced per seat", nameof(TierTerms.DailyRefreshCreditsPerSeat) },
        { "negative base credits", nameof(TierTerms.BaseCredits) },
        { "base credits above 100,000,000", nameof(TierTerms.BaseCredits) },
        { "negative daily refresh", nameof(TierTerms.DailyRefreshCredits) },
        { "daily refresh above 10,000,000", nameof(TierTerms.DailyRefreshCredits) },
        { "negative daily refresh per seat", nameof(TierTerms.DailyRefreshCreditsPerSeat) },
        { "daily refresh per seat above 10,000,000", nameof(TierTerms.DailyRefreshCreditsPerSeat) },
        { "negative first-period bonus", nameof(TierTerms.FirstPeriodBonusCredits) },
        { "first-period bonus above 100,000,000", nameof(TierTerms.FirstPeriodBonusCredits) },
        { "zero concurrent tasks", nameof(TierTerms.ConcurrentTasks) },
        { "concurrent tasks above 10,000", nameof(TierTerms.ConcurrentTasks) },
        { "zero tasks per user", nameof(TierTerms.ConcurrentTasksPerUser) },
        { "more tasks per user than per organisation", nameof(TierTerms.ConcurrentTasksPerUser) },
        { "unknown priority", nameof(TierTerms.Priority) },
        { "negative priority", nameof(TierTerms.Priority) },
        { "no licence kind", nameof(TierTerms.Licences) },
        { "unknown licence kind", nameof(TierTerms.Licences) },
        { "known licence kind mixed with an unknown one", nameof(TierTerms.Licences) },
    };

    private static readonly Dictionary<string, Func<TierTerms, TierTerms>> BoundaryCases = new(StringComparer.Ordinal)
    {
        ["name of 40 characters"] = t => t with { Name = new string('n', 40) },
        ["tagline of 120 characters"] = t => t with { Tagline = new string('t', 120) },
        ["empty tagline"] = t => t with { Tagline = "" },
        ["euro"] = t => t with { CurrencyCode = "EUR" },
        ["pound"] = t => t with { CurrencyCode = "GBP" },
        ["free monthly price"] = t => t with { MonthlyPriceMinor = 0 },
        ["monthly price of exactly 1,000,000"] = t => t with { MonthlyPriceMinor = 100_000_000 },
        ["no annual plan"] = t => t with { AnnualPriceMinor = null },
        ["annual price of exactly 10,000,000"] = t => t with { AnnualPriceMinor = 1_000_000_000 },
        ["annual contract with annual price"] = t => t with { AnnualContractOnly = true },
        ["one seat minimum"] = t => t with { MinSeats = 1 },
        ["100,000 seat minimum"] = t => t with { MinSeats = 100_000 },
        ["single-seat tier not priced per seat"] = t => t with { PricedPerSeat = false, MinSeats = 1, DailyRefreshCreditsPerSeat = 0 },
        ["no credits at all"] = t => t with { BaseCredits = 0, DailyRefreshCredits = 0, DailyRefreshCreditsPerSeat = 0, FirstPeriodBonusCredits = 0 },
        ["largest credit amounts"] = t => t with { BaseCredits = 100_000_000, DailyRefreshCredits = 10_000_000, DailyRefreshCreditsPerSeat = 10_000_000, FirstPeriodBonusCredits = 100_000_000 },
        ["one concurrent task"] = t => t with { ConcurrentTasks = 1, ConcurrentTasksPerUser = 1 },
        ["10,000 concurrent tasks"] = t => t with { ConcurrentTasks = 10_000, ConcurrentTasksPerUser = null },
        ["per-user limit equal to organisation limit"] = t => t with { ConcurrentTasks = 5, ConcurrentTasksPerUser = 5 },
        ["no per-user limit"] = t => t with { ConcurrentTasksPerUser = null },
        ["every licence kind"] = t => t with { Licences = LicenceKinds.Personal | LicenceKinds.PerSeat | LicenceKinds.PerDevice | LicenceKinds.Site },
        ["lowest priority"] = t => t with { Priority = TaskPriority.Low },
        ["highest priority"] = t => t with { Priority = TaskPriority.Highest },
    };

    public static TheoryData<string> BoundaryNames => new(BoundaryCases.Keys);

    [Fact]
    public void Every_invalid_case_is_checked_by_the_table()
    {
        Assert.Equal(
            InvalidCases.Keys.Order(StringComparer.Ordinal),
            InvalidFields.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_base_terms_of_the_table_are_valid()
    {
        Assert.True(Valid().Validate().IsSuccess);
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Validate_rejects_an_invalid_field_and_names_only_that_field(string invalidCase, string field)
    {
        var terms = InvalidCases[invalidCase](Valid());

        var result = terms.Validate();

        Assert.False(result.IsSuccess);
        Assert.Equal("validation_failed", result.Error.Code);
        Assert.Equal(new[] { field }, result.Error.Fields.Keys);
        Assert.NotEmpty(result.Error.Fields[field]);
        Assert.All(result.Error.Fields[field], message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }

    [Theory]
    [MemberData(nameof(BoundaryNames))]
    public void Validate_accepts_values_at_the_edge_of_each_range(string boundaryCase)
    {
        var terms = BoundaryCases[boundaryCase](Valid());

        var result = terms.Validate();

        Assert.True(result.IsSuccess, result.IsSuccess ? "" : string.Join(" ", result.Error.Fields.Keys));
        Assert.Equal(terms, result.Value);
    }

    [Theory]
    [InlineData(TierCode.Free)]
    [InlineData(TierCode.Pro)]
    [InlineData(TierCode.Team)]
    [InlineData(TierCode.Enterprise)]
    public void Validate_accepts_every_default_tier(TierCode code)
    {
        var terms = DefaultCatalog.Terms[code];

        var result = terms.Validate();

        Assert.True(result.IsSuccess);
        Assert.Equal(terms, result.Value);
    }

    [Fact]
    public void Validate_reports_every_invalid_field_at_once()
    {
        var terms = Valid() with { Name = "", CurrencyCode = "XYZ", MinSeats = 0, Licences = LicenceKinds.None };

        var result = terms.Validate();

        Assert.False(result.IsSuccess);
        Assert.Equal(
            new[] { nameof(TierTerms.CurrencyCode), nameof(TierTerms.Licences), nameof(TierTerms.MinSeats), nameof(TierTerms.Name) },
            result.Error.Fields.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void New_terms_need_only_a_name_to_be_valid()
    {
        var blank = new TierTerms();

        var result = blank.Validate();

        Assert.False(result.IsSuccess);
        Assert.Equal(new[] { nameof(TierTerms.Name) }, result.Error.Fields.Keys);
        Assert.True((blank with { Name = "Starter" }).Validate().IsSuccess);
    }
}
