using ApexAgent.Portal.Data;

namespace ApexAgent.Portal.Features.Billing.Pricing;

/// <summary>
/// The data the pricing steps loaded for a set of organisations at one instant, inside the caller's transaction. Each
/// step keeps its own state object (<see cref="State{T}"/>).
/// </summary>
public sealed class PricingBatch(PortalDbContext db, IReadOnlyCollection<Guid> organizationIds, DateTimeOffset now)
{
    private readonly Dictionary<Type, object> states = [];

    public PortalDbContext Db => db;

    public IReadOnlyCollection<Guid> OrganizationIds => organizationIds;

    public DateTimeOffset Now => now;

    /// <summary>The step's state for this batch, created on first use.</summary>
    public T State<T>() where T : class, new()
    {
        if (!states.TryGetValue(typeof(T), out var state))
        {
            state = new T();
            states[typeof(T)] = state;
        }

        return (T)state;
    }
}
