using ApexAgent.Portal.Features.Account;
using Microsoft.AspNetCore.Identity;

namespace ApexAgent.Portal.Features.Email;

/// <summary>Identity's account mail (confirmation, password reset), written to the outbox.</summary>
internal sealed class IdentityEmailSender(EmailOutbox outbox) : IEmailSender<PortalUser>
{
    public Task SendConfirmationLinkAsync(PortalUser user, string email, string confirmationLink) =>
        outbox.EnqueueAsync(email, "Confirm your email for ApexAgent", EmailTemplate.Render(
            "Confirm your email",
            [$"Hi {Greeting(user)}, welcome to ApexAgent.", "Confirm your email address to finish creating your account."],
            "Confirm email",
            confirmationLink), CancellationToken.None);

    public Task SendPasswordResetLinkAsync(PortalUser user, string email, string resetLink) =>
        outbox.EnqueueAsync(email, "Reset your ApexAgent password", EmailTemplate.Render(
            "Reset your password",
            [$"Hi {Greeting(user)},", "Someone asked to reset the password of your ApexAgent account. The link works once and expires in a day."],
            "Choose a new password",
            resetLink), CancellationToken.None);

    public Task SendPasswordResetCodeAsync(PortalUser user, string email, string resetCode) =>
        outbox.EnqueueAsync(email, "Your ApexAgent password reset code", EmailTemplate.Render(
            "Your password reset code",
            [$"Hi {Greeting(user)},", $"Your code is {resetCode}."]), CancellationToken.None);

    private static string Greeting(PortalUser user) => string.IsNullOrWhiteSpace(user.Profile.DisplayName) ? "there" : user.Profile.DisplayName;
}
