namespace ApexAgent.Portal.Features.Billing.Reconciliation;

/// <summary>One comparison of our payments with every processor's records for one UTC day.</summary>
public sealed class ReconciliationRun
{
    public Guid Id { get; set; }

    /// <summary>The UTC day compared.</summary>
    public DateOnly Day { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary><c>schedule</c>, or the email of the staff member who ran it by hand.</summary>
    public string StartedBy { get; set; } = "schedule";

    /// <summary>The processors compared, comma-separated.</summary>
    public string Processors { get; set; } = "";

    /// <summary>Our payments and their records looked at.</summary>
    public int Compared { get; set; }

    /// <summary>New mismatches this run found.</summary>
    public int Mismatches { get; set; }

    /// <summary>Processors that could not be asked (they are compared again on the next run), with why.</summary>
    public string? Failures { get; set; }
}
