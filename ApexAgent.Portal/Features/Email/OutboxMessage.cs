namespace ApexAgent.Portal.Features.Email;

/// <summary>An email waiting to be sent, or already sent. Written in the same transaction as what caused it.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Where it went: <c>smtp</c> or <c>mailbox</c> (the local development mailbox).</summary>
    public string? DeliveredVia { get; set; }

    public int Attempts { get; set; }

    /// <summary>When a failed message may be tried again (backing off exponentially); null when due now.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>A dispatcher that claimed the message owns it until then (so two instances never send it twice).</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    public string? LastError { get; set; }
}
