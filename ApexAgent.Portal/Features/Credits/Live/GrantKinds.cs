using ApexAgent.Domain.Credits;

namespace ApexAgent.Portal.Features.Credits.Live;

/// <summary>People-facing names of the grant kinds, in burn order.</summary>
public static class GrantKinds
{
    public static string Label(GrantKind kind) => kind switch
    {
        GrantKind.DailyRefresh => "Daily refresh",
        GrantKind.FirstPeriodBonus => "First-period bonus",
        GrantKind.Base => "Base credits",
        GrantKind.DepartmentAllocation => "Department allocation",
        GrantKind.Purchased => "Purchased",
        GrantKind.Promotional => "Promotional",
        _ => kind.ToString(),
    };

    /// <summary>A colour per kind, the same in every chart and bar.</summary>
    public static string Colour(GrantKind kind) => kind switch
    {
        GrantKind.DailyRefresh => "#26a69a",
        GrantKind.FirstPeriodBonus => "#ab47bc",
        GrantKind.Base => "#1e88e5",
        GrantKind.DepartmentAllocation => "#8d6e63",
        GrantKind.Purchased => "#fb8c00",
        GrantKind.Promotional => "#ec407a",
        _ => "#9e9e9e",
    };
}
