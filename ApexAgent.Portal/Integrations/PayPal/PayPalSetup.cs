using ApexAgent.Portal.Features.Billing.Payments;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ApexAgent.Portal.Integrations.PayPal;

public static class PayPalSetup
{
    /// <summary>
    /// Registers PayPal as an additional payment processor when <c>PayPal:ClientId</c> is set (else nothing: no PayPal
    /// option appears anywhere). Its options are validated at start.
    /// </summary>
    public static void AddPayPal(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PayPalOptions.Section);
        if (string.IsNullOrWhiteSpace(section["ClientId"]))
        {
            return;
        }

        builder.Services.AddOptions<PayPalOptions>().Bind(section).ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientSecret), "PayPal:ClientSecret is required when PayPal:ClientId is set.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.WebhookId), "PayPal:WebhookId is required when PayPal:ClientId is set (webhooks cannot be verified without it).")
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback), "PayPal:BaseUrl must be an https address.")
            .Validate(o => o.TotalTimeoutSeconds >= o.AttemptTimeoutSeconds, "PayPal:TotalTimeoutSeconds must be at least PayPal:AttemptTimeoutSeconds.")
            .ValidateOnStart();
        builder.Services.AddKeyedSingleton<ResiliencePipeline<HttpResponseMessage>>(PayPalClient.HttpClientName,
            (sp, _) => PayPalResilience.Build(sp.GetRequiredService<IOptions<PayPalOptions>>().Value));
        builder.Services.AddHttpClient(PayPalClient.HttpClientName, (sp, client) =>
            {
                client.BaseAddress = new Uri(sp.GetRequiredService<IOptions<PayPalOptions>>().Value.BaseUrl.TrimEnd('/') + "/");
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline times attempts and the whole call
            })
            .AddHttpMessageHandler(sp => new ResilienceHandler(sp.GetRequiredKeyedService<ResiliencePipeline<HttpResponseMessage>>(PayPalClient.HttpClientName)))
            .RedactLoggedHeaders(_ => true) // bearer tokens and basic credentials never reach the logs
            .RemoveAllLoggers() // the default loggers write the whole URI, vault token ids included
            .AddLogger<PayPalHttpLogger>(wrapHandlersPipeline: false);
        builder.Services.AddSingleton<PayPalHttpLogger>();
        builder.Services.AddSingleton<PayPalAccessTokens>();
        builder.Services.AddSingleton<PayPalClient>();
        builder.Services.AddSingleton<PayPalPaymentProcessor>();
        builder.Services.AddSingleton<IPaymentProcessor>(sp => sp.GetRequiredService<PayPalPaymentProcessor>());
        builder.Services.AddSingleton<IPayPalWebhookVerifier, PayPalWebhookVerifier>();
        builder.Services.AddSingleton<PayPalVault>();
        builder.Services.AddSingleton<PayPalCheckout>();
    }
}
