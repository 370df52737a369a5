using ApexAgent.Portal.Features.Credits.Purchases.Api;

namespace ApexAgent.Portal.Features.Credits.Purchases;

public static class CreditPurchasesSetup
{
    public static void AddCreditPurchases(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CreditPurchaseService>();
        builder.Services.AddSingleton<AutoTopUpService>();
        builder.Services.AddSingleton<BulkCreditSales>();
        builder.Services.AddSingleton<CreditPurchaseSweep>();
        builder.Services.AddHostedService<AutoTopUpWatcher>();
    }

    public static void MapCreditPurchases(this WebApplication app) => app.MapCreditPurchasesApi();
}
