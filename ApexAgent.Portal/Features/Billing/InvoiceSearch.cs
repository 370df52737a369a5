using ApexAgent.Domain.Billing;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>
/// Archive filters: part of a number, an issue-date range (from inclusive, to exclusive), a status, a document kind
/// and a total range in minor units. Page is 0-based.
/// </summary>
public sealed record InvoiceSearch(
    string? Number = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    InvoiceStatus? Status = null,
    InvoiceKind? Kind = null,
    long? MinTotalMinor = null,
    long? MaxTotalMinor = null,
    int Page = 0,
    int PageSize = 25);
