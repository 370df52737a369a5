namespace ApexAgent.Portal.Integrations.Pdf;

/// <summary>The seller or the buyer named on an invoice or credit note.</summary>
public sealed record DocumentParty(string Name, IReadOnlyList<string> AddressLines, string? Email, string? TaxId);
