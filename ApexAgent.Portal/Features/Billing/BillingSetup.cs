using Microsoft.Extensions.DependencyInjection.Extensions;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Features.Notifications;
using ApexAgent.Portal.Integrations.PayPal;
using ApexAgent.Portal.Integrations.Sandbox;
using Quartz;

namespace ApexAgent.Portal.Features.Billing;

public static class BillingSetup
{
    public static void AddBilling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BillingOptions>().Bind(builder.Configuration.GetSection("Billing")).ValidateDataAnnotations()
            .Validate(o => o.RetryDays.All(d => d is >= 1 and <= 60) && o.RetryDays.SequenceEqual(o.RetryDays.Order().Distinct()), "Billing:RetryDays must be increasing days between 1 and 60.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SandboxPaymentProcessor>();
        builder.Services.AddSingleton<IPaymentProcessor>(sp => sp.GetRequiredService<SandboxPaymentProcessor>());
        builder.Services.AddSingleton<PaymentProcessors>();
        builder.Services.AddSingleton<Pricing.InvoicePricing>();
        builder.Services.TryAddSingleton<Pricing.IVerifiedAccounts, Pricing.NoVerifiedAccounts>();
        builder.AddPayPal();
        builder.Services.AddSingleton<NotificationCenter>();
        builder.Services.AddSingleton<InvoiceCharger>();
        builder.Services.AddSingleton<OpenInvoiceSettlement>();
        builder.Services.AddSingleton<InvoicePaymentService>();
        builder.Services.AddSingleton<BillingRun>();
        builder.Services.AddSingleton<PlanChangeService>();
        builder.Services.AddSingleton<PaymentMethodService>();
        builder.Services.AddSingleton<InvoiceArchive>();
        builder.Services.AddSingleton<BillingOverviewService>();
        builder.Services.AddSingleton<CreditNoteService>();
        builder.Services.AddSingleton<ContractService>();
        builder.Services.AddSingleton<StaffBillingService>();
        builder.Services.AddSingleton<InvoicePdfs>();
        builder.Services.AddSingleton<CheckoutAuthentication>();
        builder.Services.AddSingleton<RevenueService>();
        if (!builder.Configuration.GetValue("Billing:ScheduleRuns", true))
        {
            return; // tests and benchmarks drive BillingRun themselves
        }

        var every = builder.Configuration.GetValue("Billing:RunEveryMinutes", 5);
        builder.Services.AddQuartz(quartz => quartz.ScheduleJob<BillingRunJob>(
            trigger => trigger.WithIdentity("billing-run-trigger").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(every)).RepeatForever()),
            job => job.WithIdentity(BillingRunJob.Key)));
    }

    public static void MapBilling(this WebApplication app) => app.MapBillingApi();
}
