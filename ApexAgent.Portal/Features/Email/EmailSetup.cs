using ApexAgent.Portal.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Quartz;

namespace ApexAgent.Portal.Features.Email;

public static class EmailSetup
{
    public static void AddEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EmailOptions>()
            .Bind(builder.Configuration.GetSection(EmailOptions.Section))
            .ValidateDataAnnotations()
            .Validate(
                options => options.UsesSmtp || !builder.Environment.IsProduction(),
                "In Production mail must go out through SMTP: set Email:Smtp:Host (the local mailbox is for development).")
            .ValidateOnStart();
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<IMailTransport>(provider => provider.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSmtp
            ? new SmtpMailTransport(provider.GetRequiredService<IOptions<EmailOptions>>())
            : new LocalMailboxTransport());
        services.AddSingleton<IEmailSender<PortalUser>, IdentityEmailSender>();
        services.AddQuartz(quartz => quartz.ScheduleJob<EmailDispatchJob>(
            trigger => trigger.WithIdentity("email-dispatch-trigger").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(30)).RepeatForever()),
            job => job.WithIdentity(EmailDispatchJob.Key)));
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
    }

    /// <summary>
    /// The local mailbox page exists only in Development and only when mail is not sent through SMTP: it shows
    /// everyone's mail (confirmation and reset links) to anyone who opens it.
    /// </summary>
    public static bool LocalMailboxEnabled(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<EmailOptions>>().Value is { UsesSmtp: false, LocalMailbox: true } &&
        services.GetRequiredService<IHostEnvironment>().IsDevelopment();
}
