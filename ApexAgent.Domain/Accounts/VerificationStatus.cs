namespace ApexAgent.Domain.Accounts;

/// <summary>
/// Where an education or healthcare verification application stands. Submitted and MoreInformationRequested are open
/// (one at a time per organisation); an approved one is valid until its expiry, then expired (derived from the clock).
/// </summary>
public enum VerificationStatus
{
    Submitted = 0,
    MoreInformationRequested = 1,
    Approved = 2,
    Rejected = 3,
}
