namespace ApexAgent.Domain.Tax;

/// <summary>An approved, unexpired exemption certificate: the customer is not taxed by <paramref name="Jurisdiction"/> (e.g. <c>US-NY</c>, <c>CA-BC</c>, <c>DE</c>).</summary>
public sealed record TaxExemption(string Jurisdiction, string CertificateNumber);
