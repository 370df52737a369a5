using System.Collections.Concurrent;
using System.Net;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Billing.Payments;
using ApexAgent.Portal.Integrations.PayPal;
using ApexAgent.Tests.TestSupport;
using ApexAgent.Tests.TestSupport.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ApexAgent.Tests.Portal.Billing.PayPal;

/// <summary>
/// PayPal's client logs no ids: with every category logging at Trace, a vault save, a charge, a refund, a retried and a
/// repeated DELETE of the vault token leave log lines (so logging is on) in which no vault token, setup token, order,
/// capture or refund id appears — only PayPal's words and <c>***</c>.
/// </summary>
public sealed class PayPalLoggingTests
{
    [Fact]
    public async Task No_log_line_carries_a_vault_token_order_capture_or_refund_id()
    {
        var capture = new CapturingLoggerProvider();
        await using var fake = new FakePayPalServer();
        var settings = fake.Settings(attemptTimeoutSeconds: 2, totalTimeoutSeconds: 6, maxRetries: 3, breakerMinimumThroughput: 1000);
        settings["Billing:ScheduleRuns"] = "false";
        settings["Logging:LogLevel:Default"] = "Trace";
        settings["Logging:LogLevel:System.Net.Http"] = "Trace";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
        await using var factory = new PortalFactory(clock: new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), settings: settings,
            services: services => services.AddSingleton<ILoggerProvider>(capture));
        _ = factory.Server;
        var paypal = factory.Get<PayPalPaymentProcessor>();

        var approval = await paypal.CreateSetupTokenAsync("apex_test", "https://portal.test/back", "https://portal.test/cancel", CancellationToken.None);
        Assert.True(approval.IsSuccess, approval.Error?.Message);
        fake.ApproveSetupToken(approval.Value.Id);
        var saved = await paypal.SavePaymentMethodAsync("apex_test", approval.Value.Id, CancellationToken.None);
        Assert.True(saved.IsSuccess, saved.Error?.Message);
        var vault = saved.Value.Token;
        var charge = await paypal.ChargeAsync(new ChargeRequest($"test:{Guid.NewGuid():N}", "apex_test", vault, Money.Usd(25_00), "Pro", true), CancellationToken.None);
        Assert.Equal(ChargeStatus.Succeeded, charge.Status);
        var refund = await paypal.RefundAsync(new RefundRequest($"refund:{Guid.NewGuid():N}", charge.ProcessorPaymentId!, Money.Usd(5_00), "Credit note"), CancellationToken.None);
        Assert.True(refund.Succeeded, refund.FailureMessage);

        fake.Fail("DELETE", "/v3/vault/payment-tokens/", HttpStatusCode.ServiceUnavailable, 1); // retried: logged per attempt
        await paypal.DetachPaymentMethodAsync("apex_test", vault, CancellationToken.None);
        await paypal.DetachPaymentMethodAsync("apex_test", vault, CancellationToken.None); // gone already: PayPal answers 404, which is logged
        Assert.True(fake.Count("DELETE", "/v3/vault/payment-tokens/") >= 3);

        var lines = capture.Lines.ToList();
        var secrets = new[] { vault, approval.Value.Id, charge.ProcessorPaymentId!, refund.ProcessorRefundId! }.Where(s => !string.IsNullOrEmpty(s)).ToList();
        Assert.Equal(4, secrets.Count);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        // The calls were logged, ids hidden: the DELETE's attempts (one 503, one 204) and the repeated one (404).
        Assert.Contains(lines, l => l.Contains("DELETE v3/vault/payment-tokens/*** answered 503", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("DELETE v3/vault/payment-tokens/*** answered 404", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("POST v2/payments/captures/***/refund answered", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(fake.Url + "/v", StringComparison.Ordinal)); // no full URIs at all
    }

    [Theory]
    [InlineData("v3/vault/payment-tokens/8kd7x2", "v3/vault/payment-tokens/***")]
    [InlineData("/v3/vault/payment-tokens/8kd7x2?x=1", "v3/vault/payment-tokens/***")]
    [InlineData("http://127.0.0.1:5000/v2/checkout/orders/5O190127TN364715T/capture", "v2/checkout/orders/***/capture")]
    [InlineData("v2/payments/captures/3C679366HH908993F/refund", "v2/payments/captures/***/refund")]
    [InlineData("v2/checkout/orders", "v2/checkout/orders")]
    [InlineData("v1/notifications/verify-webhook-signature", "v1/notifications/verify-webhook-signature")]
    [InlineData("v3/vault/payment-tokens/v3", "v3/vault/payment-tokens/v3")] // a PayPal word is kept even as an id: ids are never words
    [InlineData("", "")]
    public void A_logged_path_keeps_PayPals_words_and_hides_everything_else(string path, string logged) =>
        Assert.Equal(logged, PayPalLoggedPath.Of(path));

    [Fact]
    public void Random_ids_never_survive_in_a_logged_path()
    {
        var random = new Random(6);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        string[] shapes = ["v3/vault/payment-tokens/{0}", "v3/vault/setup-tokens/{0}", "v2/checkout/orders/{0}", "v2/checkout/orders/{0}/capture", "v2/payments/captures/{0}/refund", "v2/payments/refunds/{0}"];
        for (var i = 0; i < 2000; i++)
        {
            var id = new string(Enumerable.Range(0, random.Next(6, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, shapes[random.Next(shapes.Length)], Uri.EscapeDataString(id));
            var logged = PayPalLoggedPath.Of(path);
            Assert.DoesNotContain(id, logged.Split('/'));
            Assert.Contains("***", logged);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{category} [{logLevel}] {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
