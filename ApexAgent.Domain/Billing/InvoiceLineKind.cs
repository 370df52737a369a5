namespace ApexAgent.Domain.Billing;

/// <summary>
/// What an invoice line is for. An open set of stable strings (stored and shown in the API), so discount and tax lines
/// can join without a schema change.
/// </summary>
public static class InvoiceLineKind
{
    /// <summary>A flat-priced plan for one period.</summary>
    public const string Plan = "plan";

    /// <summary>Seats of a per-seat plan for one period (quantity = seats).</summary>
    public const string Seats = "seats";

    /// <summary>Credit for the unused time of the plan being left (negative).</summary>
    public const string UnusedTime = "proration.unused_time";

    /// <summary>Charge for the remaining time on the new plan.</summary>
    public const string RemainingTime = "proration.remaining_time";

    /// <summary>Credit from the account balance consumed by this invoice (negative).</summary>
    public const string AccountBalance = "account_balance";

    /// <summary>A credit note's line: the amount credited back against an invoice.</summary>
    public const string Credit = "credit";

    /// <summary>Credits bought (quantity = credits; a pack, or an enterprise bulk purchase at a negotiated price).</summary>
    public const string CreditPack = "credit_pack";
}
