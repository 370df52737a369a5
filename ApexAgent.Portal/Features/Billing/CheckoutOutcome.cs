namespace ApexAgent.Portal.Features.Billing;

public enum CheckoutOutcome
{
    Paid,
    Failed,
    StillWaiting,
    AlreadySettled,
}
