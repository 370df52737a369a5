namespace ApexAgent.Domain.Billing;

/// <summary>Why an invoice was raised. A subscription has at most one first-period or renewal invoice per period.</summary>
public enum InvoicePurpose
{
    /// <summary>The first period of a paid subscription.</summary>
    FirstPeriod = 0,

    /// <summary>The next period, raised when the current one ends.</summary>
    Renewal = 1,

    /// <summary>An upgrade, a seat increase or a cycle change applied at once (prorated).</summary>
    PlanChange = 2,

    /// <summary>A credit note correcting or refunding an invoice.</summary>
    Correction = 3,

    /// <summary>Credits bought: a pack (one click or auto top-up, charged at once) or an enterprise bulk purchase (sent for payment).</summary>
    CreditPurchase = 4,
}
