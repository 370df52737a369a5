using System.ComponentModel.DataAnnotations;

namespace ApexAgent.Portal.Features.Billing;

/// <summary>Billing settings (section <c>Billing</c>): the dunning schedule, notices and the seller printed on invoices.</summary>
public sealed class BillingOptions
{
    /// <summary>Days after the first failed charge on which it is retried.</summary>
    [MinLength(1)]
    public int[] RetryDays { get; set; } = [1, 3, 5, 7];

    /// <summary>Days a subscription stays past due, after the last retry failed, before it falls back to Free.</summary>
    [Range(0, 90)]
    public int PastDueDays { get; set; } = 7;

    /// <summary>Days before a renewal that its notice goes out.</summary>
    [Range(0, 60)]
    public int RenewalNoticeDays { get; set; } = 3;

    /// <summary>How often the billing run looks for what is due.</summary>
    [Range(1, 1440)]
    public int RunEveryMinutes { get; set; } = 5;

    [Required]
    public string SellerName { get; set; } = "ApexAgent Inc.";

    public string[] SellerAddress { get; set; } = ["500 Market Street", "San Francisco, CA 94105", "United States"];

    public string? SellerEmail { get; set; } = "billing@apexagent.dev";

    public string? SellerTaxId { get; set; } = "US EIN 88-1234567";

    public Domain.Billing.DunningSchedule Dunning => new(RetryDays, PastDueDays);
}
