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

    /// <summary>The verified education or healthcare discount (negative). Discounts follow the priced lines, in this order.</summary>
    public const string AccountTypeDiscount = "discount.account_type";

    /// <summary>The seat-volume discount of per-seat tiers (negative).</summary>
    public const string VolumeDiscount = "discount.volume";

    /// <summary>A discount code's money off (negative).</summary>
    public const string CodeDiscount = "discount.code";

    /// <summary>Tax on the lines above it, one line per tax of a jurisdiction (after every discount).</summary>
    public const string Tax = "tax";

    /// <summary>Is this a discount line of any kind?</summary>
    public static bool IsDiscount(string kind) => kind.StartsWith("discount.", StringComparison.Ordinal);

    /// <summary>Is this a tax line of any kind (including zero-amount reverse-charge and exemption lines)?</summary>
    public static bool IsTax(string kind) => kind == Tax || kind.StartsWith("tax.", StringComparison.Ordinal);
}
