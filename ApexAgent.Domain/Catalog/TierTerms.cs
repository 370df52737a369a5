using ApexAgent.Domain.Common;

namespace ApexAgent.Domain.Catalog;

/// <summary>
/// What a tier costs and includes. Editable by a platform admin; every saved edit becomes a new
/// <see cref="Tier"/> version, so a version's terms never change once saved.
/// Prices are in minor units of <see cref="CurrencyCode"/>; credit amounts are whole credits.
/// </summary>
public sealed record TierTerms
{
    public string Name { get; set; } = "";

    public string Tagline { get; set; } = "";

    public string CurrencyCode { get; set; } = "USD";

    /// <summary>Price for one month (per seat when <see cref="PricedPerSeat"/>).</summary>
    public long MonthlyPriceMinor { get; set; }

    /// <summary>Price for one year (per seat when <see cref="PricedPerSeat"/>); null when there is no annual plan.</summary>
    public long? AnnualPriceMinor { get; set; }

    /// <summary>Only sold as an annual contract (monthly billing is not offered).</summary>
    public bool AnnualContractOnly { get; set; }

    public bool PricedPerSeat { get; set; }

    public int MinSeats { get; set; } = 1;

    public long BaseCredits { get; set; }

    public bool BaseCreditsPerSeat { get; set; }

    public long DailyRefreshCredits { get; set; }

    public long DailyRefreshCreditsPerSeat { get; set; }

    public long FirstPeriodBonusCredits { get; set; }

    public bool FirstPeriodBonusPerSeat { get; set; }

    public int ConcurrentTasks { get; set; } = 1;

    /// <summary>Per-user cap inside the organisation's limit; null when only the organisation limit applies.</summary>
    public int? ConcurrentTasksPerUser { get; set; }

    public TaskPriority Priority { get; set; }

    public LicenceKinds Licences { get; set; } = LicenceKinds.Personal;

    public bool BringYourOwnKeys { get; set; }

    public bool ApiAccess { get; set; }

    public Result<TierTerms> Validate()
    {
        var errors = new FieldErrors()
            .Require(!string.IsNullOrWhiteSpace(Name), nameof(Name), "Name is required.")
            .MaxLength(Name, 40, nameof(Name), "Name")
            .MaxLength(Tagline, 120, nameof(Tagline), "Tagline")
            .Require(CurrencyCode is "USD" or "EUR" or "GBP", nameof(CurrencyCode), "Currency must be USD, EUR or GBP.")
            .Require(MonthlyPriceMinor is >= 0 and <= 100_000_000, nameof(MonthlyPriceMinor), "Monthly price must be between 0 and 1,000,000.")
            .Require(AnnualPriceMinor is null or (>= 0 and <= 1_000_000_000), nameof(AnnualPriceMinor), "Annual price must be between 0 and 10,000,000.")
            .Require(!AnnualContractOnly || AnnualPriceMinor is not null, nameof(AnnualPriceMinor), "An annual-contract tier needs an annual price.")
            .Require(MinSeats is >= 1 and <= 100_000, nameof(MinSeats), "Minimum seats must be between 1 and 100,000.")
            .Require(PricedPerSeat || MinSeats == 1, nameof(MinSeats), "Only a per-seat tier can require more than one seat.")
            .Require(BaseCredits is >= 0 and <= 100_000_000, nameof(BaseCredits), "Base credits must be between 0 and 100,000,000.")
            .Require(DailyRefreshCredits is >= 0 and <= 10_000_000, nameof(DailyRefreshCredits), "Daily refresh credits must be between 0 and 10,000,000.")
            .Require(DailyRefreshCreditsPerSeat is >= 0 and <= 10_000_000, nameof(DailyRefreshCreditsPerSeat), "Daily refresh credits per seat must be between 0 and 10,000,000.")
            .Require(PricedPerSeat || DailyRefreshCreditsPerSeat == 0, nameof(DailyRefreshCreditsPerSeat), "Only a per-seat tier can add daily credits per seat.")
            .Require(FirstPeriodBonusCredits is >= 0 and <= 100_000_000, nameof(FirstPeriodBonusCredits), "First-period bonus must be between 0 and 100,000,000.")
            .Require(ConcurrentTasks is >= 1 and <= 10_000, nameof(ConcurrentTasks), "Concurrent tasks must be between 1 and 10,000.")
            .Require(ConcurrentTasksPerUser is null || (ConcurrentTasksPerUser >= 1 && ConcurrentTasksPerUser <= ConcurrentTasks), nameof(ConcurrentTasksPerUser), "Per-user tasks must be between 1 and the organisation's limit.")
            .Require(Enum.IsDefined(Priority), nameof(Priority), "Unknown task priority.")
            .Require(Licences != LicenceKinds.None && (Licences & ~(LicenceKinds.Personal | LicenceKinds.PerSeat | LicenceKinds.PerDevice | LicenceKinds.Site)) == 0, nameof(Licences), "Choose at least one known licence kind.");
        return errors.Any ? errors.ToError() : this;
    }
}
