namespace ApexAgent.Portal.Features.Email;

/// <summary>Delivers one message from the outbox.</summary>
public interface IMailTransport
{
    /// <summary>Names where the message went, e.g. <c>smtp</c>.</summary>
    string Name { get; }

    Task SendAsync(OutboxMessage message, CancellationToken ct);
}
