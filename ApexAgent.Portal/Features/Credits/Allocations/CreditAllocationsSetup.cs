using Quartz;

namespace ApexAgent.Portal.Features.Credits;

public static class CreditAllocationsSetup
{
    public static void AddCreditAllocations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BalanceAnnouncer>();
        builder.Services.AddSingleton<CreditAllocationPass>();
        builder.Services.AddSingleton<StaffCreditsService>();
        if (!builder.Configuration.GetValue("Billing:ScheduleRuns", true))
        {
            return; // tests and benchmarks run the pass themselves (the test clock runs it after each billing run)
        }

        var every = builder.Configuration.GetValue("Credits:AllocateEveryMinutes", 5);
        builder.Services.AddQuartz(quartz => quartz.ScheduleJob<CreditAllocationJob>(
            trigger => trigger.WithIdentity("credit-allocations-trigger").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(every)).RepeatForever()),
            job => job.WithIdentity(CreditAllocationJob.Key)));
    }

    public static void MapCreditAllocations(this WebApplication app) => app.MapStaffCredits();
}
