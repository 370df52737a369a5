namespace ApexAgent.Domain.Billing;

/// <summary>How an invoice is paid: charged to the saved payment method, or sent to be paid within the payment terms.</summary>
public enum CollectionMethod
{
    ChargeAutomatically = 0,

    /// <summary>Enterprise contracts: the invoice is sent and paid by transfer within the terms (net 30).</summary>
    SendInvoice = 1,
}
