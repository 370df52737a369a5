using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Email;
using ApexAgent.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApexAgent.Tests.Portal.Email;

public sealed class EmailDeliveryTests
{
    [Fact]
    public async Task Mail_goes_out_through_smtp_when_a_host_is_configured()
    {
        await using var smtp = new FakeSmtpServer();
        await using var factory = SmtpPortal(smtp);
        var account = await factory.CreateAccountAsync();

        await SendPasswordResetAsync(factory, account);
        await DispatchAsync(factory);
        await WaitForAttemptAsync(factory, account.Email);

        var message = Assert.Single(smtp.Messages);
        Assert.Equal($"<{account.Email}>", Assert.Single(message.To));
        Assert.Contains("Reset your ApexAgent password", message.Data, StringComparison.Ordinal);
        Assert.Contains("https://portal.test/reset?code=abc", message.Data, StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => db.EmailOutbox.AsNoTracking().SingleAsync(m => m.To == account.Email));
        Assert.Equal("smtp", stored.DeliveredVia);
        Assert.NotNull(stored.SentAt);
        Assert.False(factory.Services.LocalMailboxEnabled());
    }

    [Fact]
    public async Task Two_dispatchers_at_once_send_each_message_once()
    {
        await using var smtp = new FakeSmtpServer();
        await using var factory = SmtpPortal(smtp);
        var account = await factory.CreateAccountAsync();

        await SendPasswordResetAsync(factory, account);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => DispatchAsync(factory)));
        await WaitForAttemptAsync(factory, account.Email);
        await DispatchAsync(factory);

        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task A_refused_message_is_retried_after_a_backoff_and_then_delivered()
    {
        await using var smtp = new FakeSmtpServer { Refuse = true };
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = SmtpPortal(smtp, clock);
        var account = await factory.CreateAccountAsync();

        await SendPasswordResetAsync(factory, account);
        await DispatchAsync(factory);
        var pending = await WaitForAttemptAsync(factory, account.Email); // the enqueue also triggers the job
        Assert.Null(pending.SentAt);
        Assert.True(pending.Attempts >= 1);
        Assert.Contains("Try again later", pending.LastError, StringComparison.Ordinal);

        smtp.Refuse = false;
        await DispatchAsync(factory);
        Assert.Empty(smtp.Messages); // not due yet: the first retry waits 30 seconds
        clock.Advance(TimeSpan.FromSeconds(31));
        await DispatchAsync(factory);
        await WaitForAttemptAsync(factory, account.Email);

        Assert.Single(smtp.Messages);
        var sent = await factory.WithDbAsync(db => db.EmailOutbox.AsNoTracking().SingleAsync(m => m.To == account.Email));
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task Without_smtp_mail_lands_in_the_local_mailbox()
    {
        await using var factory = new PortalFactory();
        var account = await factory.CreateAccountAsync();

        await SendPasswordResetAsync(factory, account);
        await DispatchAsync(factory);
        await WaitForAttemptAsync(factory, account.Email);

        var message = Assert.Single(await factory.Get<EmailOutbox>().MailboxAsync(account.Email, 10, CancellationToken.None));
        Assert.Equal("mailbox", message.DeliveredVia);
        Assert.Contains("Reset your password", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_refuses_to_start_when_mail_has_nowhere_to_go()
    {
        await using var factory = new PortalFactory(settings: new Dictionary<string, string?> { ["Email:LocalMailbox"] = "false", ["Email:Smtp:Host"] = "" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Email:Smtp:Host", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_the_mailbox_page_shows_no_mail()
    {
        await using var factory = new PortalFactory(environment: "Staging");
        var account = await factory.CreateAccountAsync();
        await SendPasswordResetAsync(factory, account);
        await DispatchAsync(factory);
        await WaitForAttemptAsync(factory, account.Email);

        var page = await factory.ApiClient().GetStringAsync("/dev/mailbox");

        Assert.False(factory.Services.LocalMailboxEnabled());
        Assert.Contains("The local mailbox is off", page, StringComparison.Ordinal);
        Assert.DoesNotContain(account.Email, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Email:LocalMailbox", "true", "Email:Smtp:Host")]
    [InlineData("Demo:Seed", "true", "must not be used in Production")]
    public async Task Production_refuses_development_conveniences(string key, string value, string expected)
    {
        await using var smtp = new FakeSmtpServer();
        var settings = new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = key == "Email:LocalMailbox" ? "" : "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [key] = value,
        };
        await using var factory = new PortalFactory(settings: settings, environment: "Production");

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains(expected, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivered_mail_does_not_keep_its_links_in_the_database()
    {
        await using var smtp = new FakeSmtpServer();
        await using var factory = SmtpPortal(smtp);
        var account = await factory.CreateAccountAsync();

        await SendPasswordResetAsync(factory, account);
        await DispatchAsync(factory);
        var stored = await WaitForAttemptAsync(factory, account.Email);

        Assert.NotNull(stored.SentAt);
        Assert.DoesNotContain("reset?code=abc", stored.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("reset?code=abc", Assert.Single(smtp.Messages).Data, StringComparison.Ordinal);
    }

    [Fact]
    public void A_display_name_cannot_inject_markup_into_mail()
    {
        var html = EmailTemplate.Render("Hello", ["Hi <script>alert(1)</script>"]);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    private static PortalFactory SmtpPortal(FakeSmtpServer smtp, Microsoft.Extensions.Time.Testing.FakeTimeProvider? clock = null) => new(clock: clock, settings: new Dictionary<string, string?>
    {
        ["Email:LocalMailbox"] = "false",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:UseTls"] = "false",
    });

    private static async Task SendPasswordResetAsync(PortalFactory factory, TestAccount account)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(account.UserId);
        await scope.ServiceProvider.GetRequiredService<IEmailSender<PortalUser>>().SendPasswordResetLinkAsync(user!, account.Email, "https://portal.test/reset?code=abc");
    }

    private static async Task DispatchAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EmailDispatchJob>().DispatchAsync(CancellationToken.None);
    }

    private static async Task<OutboxMessage> WaitForAttemptAsync(PortalFactory factory, string to)
    {
        for (var i = 0; i < 100; i++)
        {
            var message = await factory.WithDbAsync(db => db.EmailOutbox.AsNoTracking().SingleAsync(m => m.To == to));
            if (message.Attempts > 0 && message.ClaimedUntil is null)
            {
                return message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No delivery attempt finished within 10 seconds.");
    }

    private static string Flatten(Exception error) => error.InnerException is null ? error.Message : error.Message + " " + Flatten(error.InnerException);
}
