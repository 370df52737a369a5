namespace ApexAgent.Portal.Features.Email;

/// <summary>Development delivery: the message stays in the database and is read on the /dev/mailbox page.</summary>
internal sealed class LocalMailboxTransport : IMailTransport
{
    public const string TransportName = "mailbox";

    public string Name => TransportName;

    public Task SendAsync(OutboxMessage message, CancellationToken ct) => Task.CompletedTask;
}
