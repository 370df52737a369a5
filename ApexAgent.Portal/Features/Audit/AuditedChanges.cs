using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApexAgent.Domain.ApiKeys;
using ApexAgent.Domain.Billing;
using ApexAgent.Domain.Compliance;
using ApexAgent.Domain.Credits;
using ApexAgent.Domain.Subscriptions;
using ApexAgent.Portal.Features.Account;
using ApexAgent.Portal.Features.Billing;
using ApexAgent.Portal.Features.Catalog;
using ApexAgent.Portal.Features.Credits;
using ApexAgent.Portal.Features.Organizations;
using ApexAgent.Portal.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ApexAgent.Portal.Features.Audit;

/// <summary>
/// Says which of the changes being saved are audited and how: the action, the organisation whose log it belongs
/// to, and the values before and after (only the changed fields for an update). Secrets are never recorded: no
/// field whose name speaks of a hash, secret, stamp, token or password, and only the email and staff role of a user.
/// </summary>
internal static class AuditedChanges
{
    private static readonly string[] SecretMarkers = ["Hash", "Secret", "Stamp", "Token", "Password"];

    /// <summary>Bookkeeping that changes on every use and is not worth an entry.</summary>
    private static readonly HashSet<string> ApiKeyBookkeeping = [nameof(ApiKey.LastUsedAt), nameof(ApiKey.RequestCount)];

    private static readonly HashSet<string> UserFields = [nameof(PortalUser.Email), nameof(PortalUser.PlatformRole)];

    private static readonly HashSet<string> PlanFields = [nameof(Subscription.Tier), nameof(Subscription.TierVersion), nameof(Subscription.Cycle), nameof(Subscription.Seats)];

    public static List<AuditedChange> Describe(IReadOnlyList<EntityEntry> entries)
    {
        var changes = new List<AuditedChange>();
        foreach (var entry in entries)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var change = entry.Entity switch
            {
                Membership m => Simple(entry, m.OrganizationId, AuditActions.MemberAdded, AuditActions.MemberRoleChanged, AuditActions.MemberRemoved),
                Organization o => Simple(entry, o.Id, AuditActions.OrganizationCreated, AuditActions.OrganizationUpdated, AuditActions.OrganizationDeleted),
                OrganizationUnit u => Simple(entry, u.OrganizationId, AuditActions.UnitCreated, AuditActions.UnitUpdated, AuditActions.UnitDeleted),
                Invitation i => Describe(entry, i),
                SupportView v => Describe(entry, v),
                ApiKey k => Describe(entry, k),
                Subscription s => Describe(entry, s),
                Invoice i => Simple(entry, i.OrganizationId, AuditActions.InvoiceCreated, AuditActions.InvoiceChanged, AuditActions.InvoiceChanged),
                Billing.Reconciliation.ReconciliationMismatch r when entry.State == EntityState.Modified => Change(entry, AuditActions.ReconciliationMismatchResolved, null),
                PaymentMethod m => Simple(entry, m.OrganizationId, AuditActions.PaymentMethodAdded, AuditActions.PaymentMethodChanged, AuditActions.PaymentMethodRemoved),
                Billing.Webhooks.PaymentDispute d => Simple(entry, d.OrganizationId, AuditActions.PaymentDisputeOpened, AuditActions.PaymentDisputeClosed, AuditActions.PaymentDisputeClosed),
                BillingAccount a => Simple(entry, a.OrganizationId, AuditActions.BillingAccountCreated, AuditActions.BillingAccountChanged, AuditActions.BillingAccountChanged),
                TierVersion => Simple(entry, null, AuditActions.TierVersionCreated, AuditActions.TierVersionChanged, AuditActions.TierVersionChanged),
                Domain.Discounts.DiscountCode => Simple(entry, null, AuditActions.DiscountCodeCreated, AuditActions.DiscountCodeChanged, AuditActions.DiscountCodeChanged),
                PortalUser u => Describe(entry, u),
                Grant g when g.Kind == GrantKind.Promotional && entry.State == EntityState.Added => Change(entry, AuditActions.CreditsGranted, g.OrganizationId),
                CreditPool p => Describe(entry, p),
                Tax.TaxExemptionCertificate c => Simple(entry, c.OrganizationId, AuditActions.TaxExemptionSubmitted, AuditActions.TaxExemptionReviewed, AuditActions.TaxExemptionReviewed),
                Verification.VerificationEvent e when entry.State == EntityState.Added => Change(entry, e.Action, e.OrganizationId),
                Verification.AgreementAcceptance a when entry.State == EntityState.Added => Change(entry, AuditActions.AgreementAccepted, a.OrganizationId),
                Verification.RegulatedFeatureSetting f => Change(entry, AuditActions.RegulatedFeatureChanged, f.OrganizationId),
                Credits.RateCardVersion => Simple(entry, null, AuditActions.RateCardVersionCreated, AuditActions.RateCardVersionCreated, AuditActions.RateCardVersionCreated),
                _ => null,
            };
            if (change is not null)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    private static AuditedChange? Simple(EntityEntry entry, Guid? organizationId, string added, string modified, string deleted) => entry.State switch
    {
        EntityState.Added => Change(entry, added, organizationId),
        EntityState.Deleted => Change(entry, deleted, organizationId),
        _ => Change(entry, modified, organizationId),
    };

    private static AuditedChange? Describe(EntityEntry entry, Invitation invitation)
    {
        var action = entry.State switch
        {
            EntityState.Added => AuditActions.InvitationCreated,
            EntityState.Deleted => AuditActions.InvitationDeleted,
            _ when Changed(entry, nameof(Invitation.AcceptedAt)) && invitation.AcceptedAt is not null => AuditActions.InvitationAccepted,
            _ when Changed(entry, nameof(Invitation.RevokedAt)) && invitation.RevokedAt is not null => AuditActions.InvitationRevoked,
            _ => AuditActions.InvitationUpdated,
        };
        return Change(entry, action, invitation.OrganizationId);
    }

    private static AuditedChange? Describe(EntityEntry entry, SupportView view)
    {
        var action = entry.State switch
        {
            EntityState.Added => AuditActions.SupportViewStarted,
            EntityState.Modified when Changed(entry, nameof(SupportView.EndedAt)) && view.EndedAt is not null => AuditActions.SupportViewEnded,
            _ => AuditActions.SupportViewChanged,
        };
        return Change(entry, action, view.OrganizationId) is { } change
            ? change with { Reason = view.Reason, Actor = new AuditActor(view.CustomerUserId, null, view.SupportUserId, view.Id) }
            : null;
    }

    private static AuditedChange? Describe(EntityEntry entry, ApiKey key)
    {
        var action = entry.State switch
        {
            EntityState.Added => AuditActions.ApiKeyCreated,
            EntityState.Deleted => AuditActions.ApiKeyDeleted,
            _ when Changed(entry, nameof(ApiKey.ReplacedById)) && key.ReplacedById is not null => AuditActions.ApiKeyRotated,
            _ when Changed(entry, nameof(ApiKey.RevokedAt)) && key.RevokedAt is not null => AuditActions.ApiKeyRevoked,
            _ => AuditActions.ApiKeyUpdated,
        };
        return Change(entry, action, key.OrganizationId);
    }

    /// <summary>A subscription starts, changes plan or status, renews, or ends (moving to another plan ends one and starts the next).</summary>
    private static AuditedChange? Describe(EntityEntry entry, Subscription subscription)
    {
        var action = entry.State switch
        {
            EntityState.Added => AuditActions.SubscriptionStarted,
            EntityState.Deleted => AuditActions.SubscriptionEnded,
            _ when subscription.Status == SubscriptionStatus.Canceled && Changed(entry, nameof(Subscription.Status)) => AuditActions.SubscriptionEnded,
            _ when PlanFields.Any(field => Changed(entry, field)) => AuditActions.SubscriptionPlanChanged,
            _ when Changed(entry, nameof(Subscription.Status)) => AuditActions.SubscriptionStatusChanged,
            _ => AuditActions.SubscriptionRenewed,
        };
        return Change(entry, action, subscription.OrganizationId);
    }

    /// <summary>Only its overdraft allowance is a staff decision; the running figures (overdrawn, auto top-up state) are not audited here.</summary>
    private static AuditedChange? Describe(EntityEntry entry, CreditPool pool) => entry.State switch
    {
        EntityState.Added when pool.OverdraftAllowance != 0 => Change(entry, AuditActions.OverdraftChanged, pool.OrganizationId),
        EntityState.Modified when Changed(entry, nameof(CreditPool.OverdraftAllowance)) => Change(entry, AuditActions.OverdraftChanged, pool.OrganizationId),
        _ => null,
    };

    private static AuditedChange? Describe(EntityEntry entry, PortalUser user) => entry.State switch
    {
        EntityState.Added when user.PlatformRole is not null => Change(entry, AuditActions.PlatformRoleChanged, null),
        EntityState.Modified when Changed(entry, nameof(PortalUser.PlatformRole)) => Change(entry, AuditActions.PlatformRoleChanged, null),
        _ => null,
    };

    /// <summary>
    /// The entry for a creation (every recorded field after), a deletion (every recorded field before) or an update
    /// (only the recorded fields that changed, before and after; none changed: nothing to record).
    /// </summary>
    private static AuditedChange? Change(EntityEntry entry, string action, Guid? organizationId)
    {
        string? before = null, after = null;
        switch (entry.State)
        {
            case EntityState.Added:
                after = Json(Values(entry, current: true));
                break;
            case EntityState.Deleted:
                before = Json(Values(entry, current: false));
                break;
            default:
                var modified = Recorded(entry).Where(p => p.IsModified).ToList();
                var changed = modified.Where(p => !p.Metadata.GetValueComparer().Equals(p.OriginalValue, p.CurrentValue)).ToList();
                if (changed.Count == 0)
                {
                    if (modified.Count == 0)
                    {
                        return null;
                    }

                    // Attached as modified without its original values (DbContext.Update): what it became is all we know.
                    after = Json(new JsonObject(modified.Select(p => KeyValuePair.Create(NameOf(p), Node(p.CurrentValue)))));
                    break;
                }

                before = Json(new JsonObject(changed.Select(p => KeyValuePair.Create(NameOf(p), Node(p.OriginalValue)))));
                after = Json(new JsonObject(changed.Select(p => KeyValuePair.Create(NameOf(p), Node(p.CurrentValue)))));
                break;
        }

        return new AuditedChange(action, organizationId, TypeOf(entry), IdOf(entry), before, after);
    }

    private static JsonObject Values(EntityEntry entry, bool current) => new(
        Recorded(entry)
            .Select(p => (Name: NameOf(p), Value: current ? p.CurrentValue : p.OriginalValue))
            .Where(p => p.Value is not null)
            .Select(p => KeyValuePair.Create(p.Name, Node(p.Value))));

    private static IEnumerable<PropertyEntry> Recorded(EntityEntry entry) => entry.Properties.Where(p =>
        !SecretMarkers.Any(marker => p.Metadata.Name.Contains(marker, StringComparison.OrdinalIgnoreCase))
        && entry.Entity switch
        {
            ApiKey => !ApiKeyBookkeeping.Contains(p.Metadata.Name),
            PortalUser => UserFields.Contains(p.Metadata.Name),
            _ => true,
        });

    private static bool Changed(EntityEntry entry, string property)
    {
        var value = entry.Property(property);
        return value.IsModified && !value.Metadata.GetValueComparer().Equals(value.OriginalValue, value.CurrentValue);
    }

    private static string NameOf(PropertyEntry property) => JsonNamingPolicy.CamelCase.ConvertName(property.Metadata.Name);

    private static JsonNode? Node(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), AuditJson.Options);

    private static string Json(JsonObject values) => values.ToJsonString(AuditJson.Options);

    private static string TypeOf(EntityEntry entry) => entry.Metadata.ClrType.Name;

    private static string IdOf(EntityEntry entry) => string.Join(
        ",",
        entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
}
