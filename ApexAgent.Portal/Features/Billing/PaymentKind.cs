namespace ApexAgent.Portal.Features.Billing;

public enum PaymentKind
{
    Charge = 0,
    Refund = 1,
}
