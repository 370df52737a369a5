using Quartz;

namespace ApexAgent.Portal.Features.Subscriptions;

public static class SubscriptionsSetup
{
    public static void AddSubscriptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DirectPlacement>();
        builder.Services.AddQuartz(quartz => quartz.ScheduleJob<FreePeriodRenewalJob>(
            trigger => trigger.WithIdentity("free-period-renewal-trigger").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(15)).RepeatForever()),
            job => job.WithIdentity(FreePeriodRenewalJob.Key)));
    }
}
