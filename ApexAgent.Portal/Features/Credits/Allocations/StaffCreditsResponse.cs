namespace ApexAgent.Portal.Features.Credits;

/// <summary>One organisation's credits as staff see them: available balance, overdraft and its newest grants.</summary>
public sealed record StaffCreditsResponse(Guid OrganizationId, string Name, decimal Available, decimal Overdrawn, decimal OverdraftAllowance, IReadOnlyList<GrantResponse> Grants)
{
    public static StaffCreditsResponse From(StaffCreditsView v) => new(
        v.OrganizationId, v.Name, v.Balance.Available.Credits, v.Balance.Overdrawn.Credits, v.OverdraftAllowance.Credits, v.Grants.Select(GrantResponse.From).ToList());
}
