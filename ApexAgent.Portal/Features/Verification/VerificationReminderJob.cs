using Quartz;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>Sends the verification expiry reminders once a day.</summary>
[DisallowConcurrentExecution]
public sealed class VerificationReminderJob(VerificationReminders reminders) : IJob
{
    public static readonly JobKey Key = new("verification-reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await reminders.RunAsync(cancellationToken);
}
