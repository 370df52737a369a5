namespace ApexAgent.Portal.Features.Tax;

public enum TaxExemptionStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}
