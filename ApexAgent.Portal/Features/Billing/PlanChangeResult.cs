using ApexAgent.Domain.Billing;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>A confirmed change: the quote it followed, and the invoice it produced (none when it waits for the period end).</summary>
public sealed record PlanChangeResult(PlanChangeQuote Quote, Guid? InvoiceId, string? InvoiceNumber, PlanChangeTiming Timing);
