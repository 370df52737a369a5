using ApexAgent.Domain.Tax;
using ApexAgent.Portal.Features.Billing.Pricing;
using ApexAgent.Portal.Features.Tax.Api;
using Quartz;

namespace ApexAgent.Portal.Features.Tax;

/// <summary>Tax (ADR 0021): the calculator from the rate table, the pricing step (Order 900), billing details, exemptions and the report.</summary>
public static class TaxSetup
{
    public static void AddTax(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TaxOptions.Section).Get<TaxOptions>() ?? new TaxOptions();
        var seller = options.SellerCountry.Trim().ToUpperInvariant();
        builder.Services.AddSingleton<ITaxCalculator>(new BuiltInTaxTable(TaxRateTable.Default, seller));
        builder.Services.AddSingleton<IInvoicePricingStep, TaxPricingStep>();
        builder.Services.AddSingleton<BillingDetailsService>();
        builder.Services.AddSingleton<TaxExemptionService>();
        builder.Services.AddSingleton<TaxReportService>();
        if (!builder.Configuration.GetValue("Billing:ScheduleRuns", true))
        {
            return; // tests run the expiry pass themselves
        }

        builder.Services.AddQuartz(quartz => quartz.ScheduleJob<TaxExemptionExpiryJob>(
            trigger => trigger.WithIdentity("tax-exemption-expiry-trigger").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromDays(1)).RepeatForever()),
            job => job.WithIdentity(TaxExemptionExpiryJob.Key)));
    }

    public static void MapTax(this WebApplication app)
    {
        app.MapTaxEndpoints();
        app.MapTaxPageDownloads();
    }
}
