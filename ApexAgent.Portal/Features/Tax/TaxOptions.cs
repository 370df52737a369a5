namespace ApexAgent.Portal.Features.Tax;

/// <summary>Configuration section <c>Tax</c>: the seller's country (ISO code) decides who is reverse charged (ADR 0021).</summary>
public sealed class TaxOptions
{
    public const string Section = "Tax";

    /// <summary>Default US: the seller is outside the EU and the UK, so every EU or UK business with a valid VAT number is reverse charged.</summary>
    public string SellerCountry { get; set; } = "US";
}
