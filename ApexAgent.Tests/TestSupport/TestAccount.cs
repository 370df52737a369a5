using ApexAgent.Portal.Features.Account;

namespace ApexAgent.Tests.TestSupport;

public sealed record TestAccount(string UserId, string Email, Guid OrganizationId, Actor Actor);
