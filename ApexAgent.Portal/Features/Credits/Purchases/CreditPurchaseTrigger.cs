namespace ApexAgent.Portal.Features.Credits.Purchases;

/// <summary>What started a credit purchase.</summary>
public enum CreditPurchaseTrigger
{
    /// <summary>A person clicked "Buy" (web page or API).</summary>
    OneClick = 0,

    /// <summary>Auto top-up: the balance fell under the organisation's threshold.</summary>
    AutoTopUp = 1,

    /// <summary>An enterprise bulk purchase sold by ApexAgent staff, invoiced with payment terms.</summary>
    Bulk = 2,
}
