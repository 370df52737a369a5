using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Billing.Reconciliation;
using Quartz;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>Payment failure handling and reconciliation (ADR 0020): pending-charge lookups, the daily comparison with the processors, expiring-card notices.</summary>
public static class PaymentReconciliationSetup
{
    public static void AddPaymentReconciliation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PendingPaymentReconciliation>();
        builder.Services.AddSingleton<PaymentReconciliation>();
        builder.Services.AddSingleton<ExpiringCardNotices>();
        if (!builder.Configuration.GetValue("Billing:ScheduleRuns", true))
        {
            return; // tests and benchmarks run the passes themselves
        }

        var pendingEvery = builder.Configuration.GetValue("Billing:ReconcilePendingEveryMinutes", 5);
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ScheduleJob<PendingPaymentReconciliationJob>(
                trigger => trigger.WithIdentity("pending-payment-reconciliation-trigger").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(pendingEvery)).RepeatForever()),
                job => job.WithIdentity(PendingPaymentReconciliationJob.Key));

            // Hourly, each pass doing only what is not done yet: yesterday once, each card notice once (so starting at once is safe).
            quartz.ScheduleJob<DailyReconciliationJob>(
                trigger => trigger.WithIdentity("daily-payment-reconciliation-trigger").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever()),
                job => job.WithIdentity(DailyReconciliationJob.Key));
            quartz.ScheduleJob<ExpiringCardNoticeJob>(
                trigger => trigger.WithIdentity("expiring-card-notices-trigger").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(6)).RepeatForever()),
                job => job.WithIdentity(ExpiringCardNoticeJob.Key));
        });
    }
}
