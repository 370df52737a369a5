using ApexAgent.Domain.Accounts;
using ApexAgent.Portal.Api;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing.Payments;
using Microsoft.Extensions.Options;
using Stripe;

namespace ApexAgent.Portal.Integrations.Stripe;

public static class StripeSetup
{
    /// <summary>
    /// Binds and checks <c>Stripe:*</c> (start-up fails on a missing or malformed key), and when a key is configured adds
    /// Stripe as the card processor beside the sandbox (<see cref="PaymentProcessors.Cards"/> then answers Stripe).
    /// </summary>
    public static void AddStripe(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(StripeOptions.Section);
        builder.Services.AddOptions<StripeOptions>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidation>();
        builder.Services.AddSingleton<StripeCardSetups>();
        if (!(section.Get<StripeOptions>() ?? new StripeOptions()).Enabled)
        {
            return; // no keys: the sandbox stays the card processor
        }

        builder.Services.AddSingleton<IStripeClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = options.RequestTimeout };
            return new StripeClient(apiKey: options.SecretKey, httpClient: new SystemNetHttpClient(http, options.MaxNetworkRetries, enableTelemetry: false),
                apiBase: string.IsNullOrWhiteSpace(options.ApiBase) ? null : options.ApiBase.TrimEnd('/'));
        });
        builder.Services.AddSingleton<StripePaymentProcessor>();
        builder.Services.AddSingleton<IPaymentProcessor>(sp => sp.GetRequiredService<StripePaymentProcessor>());
    }

    /// <summary><c>POST /api/v1/payment-methods/setup-intent</c>: what Stripe.js needs to confirm a new card.</summary>
    public static void MapStripe(this WebApplication app) =>
        app.MapApiGroup("/payment-methods", "Billing").ProducesProblem(StatusCodes.Status403Forbidden)
            .MapPost("/setup-intent", StartCardSetup).RequirePermission(Permission.BillingManage).WithName("CreateStripeSetupIntent").Produces<StripeCardSetup>()
            .WithSummary("Stripe only: creates a SetupIntent for the organisation's Stripe customer and returns its client secret with the publishable key. Confirm it with Stripe.js (confirmCardSetup), then save the card with POST /api/v1/payment-methods { token: the SetupIntent id }. 409 stripe_not_active when the sandbox is the card processor.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> StartCardSetup(HttpContext http, StripeCardSetups setups, CancellationToken ct)
    {
        var started = await setups.StartAsync(http.Actor(), ct);
        return started.IsSuccess ? TypedResults.Ok(started.Value) : ApiProblems.From(started.Error);
    }
}
