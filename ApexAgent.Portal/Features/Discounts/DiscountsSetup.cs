using ApexAgent.Portal.Features.Billing.Pricing;

namespace ApexAgent.Portal.Features.Discounts;

/// <summary>Discounts (issue 7): the account-type, volume and code pricing steps, and the staff codes service and API.</summary>
public static class DiscountsSetup
{
    public static WebApplicationBuilder AddDiscounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IInvoicePricingStep, AccountTypeDiscountStep>();
        builder.Services.AddSingleton<IInvoicePricingStep, VolumeDiscountStep>();
        builder.Services.AddSingleton<IInvoicePricingStep, CodeDiscountStep>();
        builder.Services.AddSingleton<DiscountCodeService>();
        return builder;
    }

    public static WebApplication MapDiscounts(this WebApplication app)
    {
        app.MapDiscountAdminApi();
        return app;
    }
}
