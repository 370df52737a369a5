using ApexAgent.Domain.Accounts;

namespace ApexAgent.Portal.Features.Demo;

/// <summary>
/// The demo enterprise organisation: an owner, an admin, a manager and members across two departments and a team.
/// The Pro demo user is also a member, so that switching between organisations can be tried.
/// </summary>
public static class DemoEnterprise
{
    public const string Name = "Northwind Robotics";
    public const string Engineering = "Engineering";
    public const string Sales = "Sales";
    public const string Platform = "Platform";

    /// <summary>Its Enterprise contract: 25 seats at $180,000 a year, net 30.</summary>
    public const int ContractSeats = 25;

    public const long ContractAnnualPriceMinor = 180_000_00;

    /// <summary>Who is where: the unit is a department, or "Department/Team"; null for the whole organisation.</summary>
    public static IReadOnlyList<(DemoAccount Account, OrganizationRole Role, string? Unit)> People { get; } =
    [
        (new DemoAccount("Northwind owner", "owner@northwind.example", "Nora Lindqvist", null), OrganizationRole.Owner, null),
        (new DemoAccount("Northwind admin", "admin@northwind.example", "Arjun Mehta", null), OrganizationRole.Admin, null),
        (new DemoAccount("Eng. manager", "manager@northwind.example", "Maya Chen", null), OrganizationRole.Manager, Engineering),
        (new DemoAccount("Platform dev", "leo@northwind.example", "Leo Park", null), OrganizationRole.Member, $"{Engineering}/{Platform}"),
        (new DemoAccount("Engineer", "sofia@northwind.example", "Sofia Rossi", null), OrganizationRole.Member, Engineering),
        (new DemoAccount("Sales rep", "tom@northwind.example", "Tom Becker", null), OrganizationRole.Member, Sales),
        (DemoAccount.ProUser, OrganizationRole.Member, Sales),
    ];
}
