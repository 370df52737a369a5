namespace ApexAgent.Portal.Features.Billing;

public enum PaymentStatus
{
    /// <summary>Recorded, and the processor was (or is being) asked; the outcome is not known yet.</summary>
    Pending = 0,
    Succeeded = 1,
    Failed = 2,

    /// <summary>The customer must confirm (3-D Secure) before the processor completes it.</summary>
    RequiresAction = 3,
}
