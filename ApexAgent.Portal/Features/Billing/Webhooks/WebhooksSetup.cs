namespace ApexAgent.Portal.Features.Billing.Webhooks;

public static class WebhooksSetup
{
    public static void AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WebhookInbox>();
        builder.Services.AddSingleton<WebhookActivity>();
    }

    public static void MapWebhooks(this WebApplication app) => app.MapWebhookEndpoints();
}
