namespace ApexAgent.Portal.Features.Credits;

/// <summary>PUT /api/v1/admin/credits/organizations/{id}/overdraft: how far usage may go below zero, in credits (0 to switch it off).</summary>
public sealed record OverdraftBody(decimal Credits);
