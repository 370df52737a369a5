namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>Which grants to list: those not yet expired (including ones that start later), or those that ended.</summary>
public enum GrantStatus
{
    Live,
    Ended,
}
