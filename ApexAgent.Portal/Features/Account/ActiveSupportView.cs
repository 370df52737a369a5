namespace ApexAgent.Portal.Features.Account;

/// <summary>The customer view a support staff member has open: whose, where, why and until when.</summary>
public sealed record ActiveSupportView(
    Guid Id,
    string CustomerUserId,
    string CustomerName,
    string CustomerEmail,
    OrganizationPlace Place,
    string Reason,
    DateTimeOffset ExpiresAt);
