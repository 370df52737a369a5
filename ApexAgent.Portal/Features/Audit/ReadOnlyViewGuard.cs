using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>
/// Refuses every save made for a read-only actor (a support view) that would change anything but the audit log
/// and the support view itself. Runs before <see cref="AuditInterceptor"/>, so a refused save begins nothing.
/// </summary>
internal sealed class ReadOnlyViewGuard : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null || ActingContext.Current?.Actor is not { IsReadOnly: true })
        {
            return;
        }

        // Entries() detects changes first (unless the context turned that off, in which case it saves what it has).
        var writes = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not (AuditEntry or AuditChainHead or SupportView));
        if (writes.Any())
        {
            throw new ReadOnlyViewException();
        }
    }
}
