namespace ApexAgent.Domain.ApiKeys;

public enum ApiKeyState
{
    Active,
    Expired,
    Revoked,
}
