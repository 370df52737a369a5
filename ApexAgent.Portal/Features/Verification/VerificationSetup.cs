using ApexAgent.Portal.Features.Billing.Pricing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace ApexAgent.Portal.Features.Verification;

public static class VerificationSetup
{
    public static void AddVerification(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<VerificationService>();
        builder.Services.AddSingleton<VerificationReviewService>();
        builder.Services.AddSingleton<RegulatedDataService>();
        builder.Services.AddSingleton<VerificationReminders>();
        builder.Services.AddSingleton<RegulatedFeatureLapse>();
        builder.Services.RemoveAll<IVerifiedAccounts>();
        builder.Services.AddSingleton<IVerifiedAccounts, VerifiedAccounts>();
        if (!builder.Configuration.GetValue("Verification:ScheduleReminders", builder.Configuration.GetValue("Billing:ScheduleRuns", true)))
        {
            return; // tests run the reminders by hand on a fake clock
        }

        builder.Services.AddQuartz(quartz => quartz.ScheduleJob<VerificationReminderJob>(
            trigger => trigger.WithIdentity("verification-reminders-trigger").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromDays(1)).RepeatForever()),
            job => job.WithIdentity(VerificationReminderJob.Key)));
    }

    public static void MapVerification(this WebApplication app)
    {
        app.MapVerificationApi();
        app.MapVerificationDownloads();
    }
}
