namespace ApexAgent.Portal.Features.Billing.Reconciliation.Api;

/// <summary>One comparison of our payments with the processors' records for a UTC day.</summary>
public sealed record ReconciliationRunResponse(Guid Id, string Day, DateTimeOffset StartedAt, string StartedBy, IReadOnlyList<string> Processors, int Compared, int Mismatches, string? Failures)
{
    public static ReconciliationRunResponse From(ReconciliationRun run) =>
        new(run.Id, PaymentReconciliation.DayText(run.Day), run.StartedAt, run.StartedBy,
            run.Processors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), run.Compared, run.Mismatches, run.Failures);
}
