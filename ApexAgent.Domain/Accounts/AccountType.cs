namespace ApexAgent.Domain.Accounts;

/// <summary>
/// What kind of customer an organisation is (PRODUCT.md, account types). Education and Healthcare are granted by a
/// verification that expires; while it is valid the account-type discount applies to eligible tiers.
/// </summary>
public enum AccountType
{
    Individual = 0,
    Business = 1,
    Education = 2,
    Healthcare = 3,
}
