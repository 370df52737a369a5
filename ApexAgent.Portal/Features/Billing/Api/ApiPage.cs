namespace ApexAgent.Portal.Features.Billing.Api;

/// <summary>One page of a list: the items, the page number (from 1), its size and how many there are in all.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
