namespace ApexAgent.Domain.Catalog;

/// <summary>The tier catalog as PRODUCT.md defines it: what a new installation starts with.</summary>
public static class DefaultCatalog
{
    /// <summary>A fresh copy each time, so nobody can change the defaults for everyone else.</summary>
    public static IReadOnlyDictionary<TierCode, TierTerms> Terms => new Dictionary<TierCode, TierTerms>
    {
        [TierCode.Free] = new()
        {
            Name = "Free",
            Tagline = "Try the agent on small tasks.",
            MonthlyPriceMinor = 0,
            BaseCredits = 1_000,
            DailyRefreshCredits = 300,
            ConcurrentTasks = 1,
            Priority = TaskPriority.Low,
            Licences = LicenceKinds.Personal,
        },
        [TierCode.Pro] = new()
        {
            Name = "Pro",
            Tagline = "For individuals who run the agent every day.",
            MonthlyPriceMinor = 2_000,
            AnnualPriceMinor = 20_000,
            BaseCredits = 5_000,
            DailyRefreshCredits = 300,
            FirstPeriodBonusCredits = 5_000,
            ConcurrentTasks = 3,
            Priority = TaskPriority.Normal,
            Licences = LicenceKinds.Personal,
            BringYourOwnKeys = true,
            ApiAccess = true,
        },
        [TierCode.Team] = new()
        {
            Name = "Team",
            Tagline = "Pooled credits and seats for working teams.",
            MonthlyPriceMinor = 4_000,
            AnnualPriceMinor = 40_000,
            PricedPerSeat = true,
            MinSeats = 2,
            BaseCredits = 8_000,
            BaseCreditsPerSeat = true,
            DailyRefreshCredits = 500,
            DailyRefreshCreditsPerSeat = 100,
            FirstPeriodBonusCredits = 2_000,
            FirstPeriodBonusPerSeat = true,
            ConcurrentTasks = 10,
            ConcurrentTasksPerUser = 3,
            Priority = TaskPriority.High,
            Licences = LicenceKinds.PerSeat,
            BringYourOwnKeys = true,
            ApiAccess = true,
        },
        [TierCode.Enterprise] = new()
        {
            Name = "Enterprise",
            Tagline = "Departments, devices and site licences at scale.",
            MonthlyPriceMinor = 6_000,
            AnnualPriceMinor = 72_000,
            AnnualContractOnly = true,
            PricedPerSeat = true,
            MinSeats = 10,
            BaseCredits = 12_000,
            BaseCreditsPerSeat = true,
            DailyRefreshCredits = 1_000,
            DailyRefreshCreditsPerSeat = 100,
            FirstPeriodBonusCredits = 3_000,
            FirstPeriodBonusPerSeat = true,
            ConcurrentTasks = 50,
            ConcurrentTasksPerUser = 5,
            Priority = TaskPriority.Highest,
            Licences = LicenceKinds.PerSeat | LicenceKinds.PerDevice | LicenceKinds.Site,
            BringYourOwnKeys = true,
            ApiAccess = true,
        },
    };
}
