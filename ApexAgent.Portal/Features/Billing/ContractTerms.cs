namespace ApexAgent.Portal.Features.Billing;

/// <summary>An Enterprise contract: the organisation, seats, the negotiated price per year and the payment terms.</summary>
public sealed record ContractTerms(Guid OrganizationId, int Seats, long AnnualPriceMinor, int PaymentTermsDays = 30);
