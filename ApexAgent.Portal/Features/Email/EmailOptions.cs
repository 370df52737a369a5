using System.ComponentModel.DataAnnotations;

namespace ApexAgent.Portal.Features.Email;

/// <summary>
/// <c>Email:*</c>. With <c>Email:Smtp:Host</c> set, mail goes out through SMTP; otherwise, with
/// <c>Email:LocalMailbox</c> (the default in Development), it lands in the local mailbox page at /dev/mailbox.
/// </summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    [Required]
    public string From { get; set; } = "ApexAgent <no-reply@apexagent.dev>";

    public bool LocalMailbox { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesSmtp && !LocalMailbox)
        {
            yield return new ValidationResult("Mail cannot be sent: set Email:Smtp:Host, or Email:LocalMailbox=true for development.", [nameof(Smtp)]);
        }

        if (!MimeKit.MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult("Email:From must be an address such as 'ApexAgent <no-reply@example.com>'.", [nameof(From)]);
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            yield return new ValidationResult("Email:Smtp:Port must be between 1 and 65535.", [nameof(Smtp)]);
        }
    }

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        public string? Username { get; set; }

        public string? Password { get; set; }

        /// <summary>Use STARTTLS (port 587) or implicit TLS (465); false only for a local relay.</summary>
        public bool UseTls { get; set; } = true;
    }
}
