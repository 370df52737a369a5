using ApexAgent.Portal.Api;

namespace ApexAgent.Portal.Features.Billing;

public sealed record CreditNoteRequest(ApiMoney? Amount, string? Reason, bool Refund);
