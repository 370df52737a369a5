namespace ApexAgent.Portal.Features.Verification;

/// <summary>The version of the agreement the owner read and accepts.</summary>
public sealed record AcceptAgreementBody(string? Version);
