namespace ApexAgent.Portal.Features.Billing.Webhooks;

public enum DisputeStatus
{
    Open = 0,
    Won = 1,
    Lost = 2,
}
