using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Verification;

/// <summary>The organisation's regulated-data standing: the account type it is verified as now (if any) and each agreement.</summary>
public sealed record RegulatedDataOverview(AccountType? VerifiedAs, bool CanAccept, IReadOnlyList<RegulatedAgreementState> Agreements);
