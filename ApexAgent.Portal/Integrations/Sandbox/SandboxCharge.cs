namespace ApexAgent.Portal.Integrations.Sandbox;

/// <summary>The sandbox processor's own record of a charge or refund, unique by idempotency key (as a real processor keeps).</summary>
public sealed class SandboxCharge
{
    public string Id { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    public string MethodToken { get; set; } = "";

    public long AmountMinor { get; set; }

    public string CurrencyCode { get; set; } = "USD";

    /// <summary>The charge this refunds (null for a charge).</summary>
    public string? RefundOf { get; set; }

    public string Status { get; set; } = "";

    public string? FailureCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
