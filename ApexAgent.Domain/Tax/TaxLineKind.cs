namespace ApexAgent.Domain.Tax;

/// <summary>The tax line kinds (see <c>InvoiceLineKind.IsTax</c>): tax charged, and the zero-amount lines that explain why none was.</summary>
public static class TaxLineKind
{
    public const string Charged = "tax";

    /// <summary>A business customer accounts for the tax itself (EU Article 196, UK, Australian ABN holders).</summary>
    public const string ReverseCharge = "tax.reverse_charge";

    /// <summary>An approved exemption certificate covers the jurisdiction.</summary>
    public const string Exempt = "tax.exempt";
}
