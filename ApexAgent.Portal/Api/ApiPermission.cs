namespace ApexAgent.Portal.Api;

/// <summary>Declares which permission an API endpoint needs; the authorization matrix test reads this.</summary>
public sealed record ApiPermission(string Permission);
