using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing;

public sealed record ContractRequest(Guid OrganizationId, int Seats, ApiMoney? AnnualPrice, int? PaymentTermsDays);
