namespace ApexAgent.Portal.Integrations.Sandbox;

/// <summary>How a sandbox test card behaves when charged (the behaviour is part of its token).</summary>
public enum SandboxCard
{
    /// <summary>4242 4242 4242 4242: every charge succeeds.</summary>
    Succeeds,

    /// <summary>4000 0000 0000 0002: every charge is declined (hard decline).</summary>
    Declined,

    /// <summary>4000 0000 0000 9995: every charge fails for insufficient funds (soft: a later retry may be tried).</summary>
    InsufficientFunds,

    /// <summary>4000 0000 0000 0119: every other charge fails with a processing error, so a retry succeeds.</summary>
    Transient,

    /// <summary>
    /// 4000 0025 0000 3155: the bank asks the customer to authenticate (3-D Secure). A charge made while the customer
    /// is present waits for them (requires action); an off-session charge fails with <c>authentication_required</c>.
    /// </summary>
    RequiresAuthentication,
}
