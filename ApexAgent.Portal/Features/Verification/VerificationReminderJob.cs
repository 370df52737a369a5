using Quartz;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>Sends the verification expiry reminders once a day, then switches off regulated features whose verification lapsed.</summary>
[DisallowConcurrentExecution]
public sealed class VerificationReminderJob(VerificationReminders reminders, RegulatedFeatureLapse lapse) : IJob
{
    public static readonly JobKey Key = new("verification-reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await reminders.RunAsync(cancellationToken);
        await lapse.RunAsync(cancellationToken);
    }
}
