namespace ApexAgent.Portal.Features.Billing;

/// <summary>A saved payment method: only the processor's token and what people recognise it by — never a card number.</summary>
public sealed class PaymentMethod
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string Processor { get; set; } = "sandbox";

    /// <summary>The processor's reference for the method (a token).</summary>
    public string ProcessorToken { get; set; } = "";

    /// <summary>card or paypal.</summary>
    public string Type { get; set; } = "card";

    public string Brand { get; set; } = "";

    public string Last4 { get; set; } = "";

    public int ExpMonth { get; set; }

    public int ExpYear { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When the processor last hard-declined a charge to this method (lost, stolen, closed, do not honour …); null when
    /// its last charge went through. Automatic collection does not charge a declined method again (ADR 0020).
    /// </summary>
    public DateTimeOffset? DeclinedAt { get; set; }

    /// <summary>The processor's code for that decline, e.g. <c>card_declined</c>.</summary>
    public string? DeclineCode { get; set; }

    public string Describe() => $"{Brand} •••• {Last4}";

    /// <summary>The card stops working after the last day of its expiry month.</summary>
    public bool ExpiredAt(DateTimeOffset now) => new DateTimeOffset(ExpYear, ExpMonth, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1) <= now;
}
