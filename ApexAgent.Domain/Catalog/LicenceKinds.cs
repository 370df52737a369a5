namespace ApexAgent.Domain.Catalog;

/// <summary>The kinds of licence a tier may issue.</summary>
[Flags]
public enum LicenceKinds
{
    None = 0,
    Personal = 1,
    PerSeat = 2,
    PerDevice = 4,
    Site = 8,
}
