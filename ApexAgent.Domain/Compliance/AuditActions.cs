namespace ApexAgent.Domain.Compliance;

/// <summary>The names of audited actions, as stored and as filtered on, with how people call them.</summary>
public static class AuditActions
{
    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SignInLockedOut = "signin.locked_out";

    public const string VerificationSubmitted = "verification.submitted";
    public const string VerificationInformationRequested = "verification.information_requested";
    public const string VerificationAnswered = "verification.answered";
    public const string VerificationApproved = "verification.approved";
    public const string VerificationRejected = "verification.rejected";
    public const string VerificationReminded = "verification.reminded";
    public const string AgreementAccepted = "agreement.accepted";
    public const string RegulatedFeatureChanged = "regulated_feature.changed";

    public const string OrganizationCreated = "organization.created";
    public const string OrganizationUpdated = "organization.updated";
    public const string OrganizationDeleted = "organization.deleted";
    public const string UnitCreated = "unit.created";
    public const string UnitUpdated = "unit.updated";
    public const string UnitDeleted = "unit.deleted";
    public const string MemberAdded = "member.added";
    public const string MemberRoleChanged = "member.role_changed";
    public const string MemberRemoved = "member.removed";
    public const string InvitationCreated = "invitation.created";
    public const string InvitationAccepted = "invitation.accepted";
    public const string InvitationRevoked = "invitation.revoked";
    public const string InvitationUpdated = "invitation.updated";
    public const string InvitationDeleted = "invitation.deleted";

    public const string ApiKeyCreated = "apikey.created";
    public const string ApiKeyRevoked = "apikey.revoked";
    public const string ApiKeyRotated = "apikey.rotated";
    public const string ApiKeyUpdated = "apikey.updated";
    public const string ApiKeyDeleted = "apikey.deleted";

    public const string SubscriptionStarted = "subscription.started";
    public const string SubscriptionPlanChanged = "subscription.plan_changed";
    public const string SubscriptionStatusChanged = "subscription.status_changed";
    public const string SubscriptionRenewed = "subscription.renewed";
    public const string SubscriptionEnded = "subscription.ended";

    public const string InvoiceCreated = "invoice.created";
    public const string InvoiceChanged = "invoice.changed";
    public const string PaymentMethodAdded = "payment_method.added";
    public const string PaymentMethodChanged = "payment_method.changed";
    public const string PaymentMethodRemoved = "payment_method.removed";
    public const string ReconciliationMismatchResolved = "reconciliation.mismatch_resolved";
    public const string PaymentDisputeOpened = "payment.dispute_opened";
    public const string PaymentDisputeClosed = "payment.dispute_closed";
    public const string BillingAccountCreated = "billing_account.created";
    public const string BillingAccountChanged = "billing_account.changed";

    public const string TaxExemptionSubmitted = "tax_exemption.submitted";

    public const string TaxExemptionReviewed = "tax_exemption.reviewed";

    public const string TierVersionCreated = "catalog.tier_version_created";
    public const string TierVersionChanged = "catalog.tier_version_changed";
    public const string RateCardVersionCreated = "catalog.rate_card_version_created";
    public const string DiscountCodeCreated = "catalog.discount_code_created";
    public const string DiscountCodeChanged = "catalog.discount_code_changed";
    public const string PlatformRoleChanged = "user.platform_role_changed";

    public const string CreditsGranted = "credits.granted";
    public const string OverdraftChanged = "credits.overdraft_changed";

    public const string SupportViewStarted = "support_view.started";
    public const string SupportViewEnded = "support_view.ended";
    public const string SupportViewChanged = "support_view.changed";
    public const string SupportViewPageViewed = "support_view.page_viewed";

    /// <summary>Every known action and its label, in the order a filter lists them.</summary>
    public static IReadOnlyList<(string Action, string Label)> All { get; } =
    [
        (SignInSucceeded, "Signed in"),
        (SignInFailed, "Sign-in failed"),
        (SignInLockedOut, "Locked out after failed sign-ins"),
        (MemberAdded, "Member added"),
        (MemberRoleChanged, "Member role changed"),
        (MemberRemoved, "Member removed"),
        (InvitationCreated, "Invitation sent"),
        (InvitationAccepted, "Invitation accepted"),
        (InvitationRevoked, "Invitation revoked"),
        (InvitationUpdated, "Invitation changed"),
        (InvitationDeleted, "Invitation deleted"),
        (OrganizationCreated, "Organisation created"),
        (OrganizationUpdated, "Organisation changed"),
        (OrganizationDeleted, "Organisation deleted"),
        (UnitCreated, "Department or team created"),
        (UnitUpdated, "Department or team changed"),
        (UnitDeleted, "Department or team deleted"),
        (ApiKeyCreated, "API key created"),
        (ApiKeyRevoked, "API key revoked"),
        (ApiKeyRotated, "API key rotated"),
        (ApiKeyUpdated, "API key changed"),
        (ApiKeyDeleted, "API key deleted"),
        (SubscriptionStarted, "Subscription started"),
        (SubscriptionPlanChanged, "Plan changed"),
        (SubscriptionStatusChanged, "Subscription status changed"),
        (SubscriptionRenewed, "Billing period renewed"),
        (SubscriptionEnded, "Subscription ended"),
        (InvoiceCreated, "Invoice drafted"),
        (InvoiceChanged, "Invoice finalised, paid or voided"),
        (PaymentMethodAdded, "Payment method added"),
        (PaymentMethodChanged, "Payment method changed"),
        (PaymentMethodRemoved, "Payment method removed"),
        (BillingAccountCreated, "Billing details created"),
        (BillingAccountChanged, "Billing details changed"),
        (TierVersionCreated, "Tier version saved"),
        (TierVersionChanged, "Tier version changed"),
        (RateCardVersionCreated, "Rate card version saved"),
        (DiscountCodeCreated, "Discount code created"),
        (DiscountCodeChanged, "Discount code paused, resumed or retired"),
        (PlatformRoleChanged, "Staff role changed"),
        (CreditsGranted, "Credits granted by staff"),
        (OverdraftChanged, "Credit overdraft changed"),
        (SupportViewStarted, "Support view opened"),
        (SupportViewEnded, "Support view closed"),
        (SupportViewChanged, "Support view changed"),
        (SupportViewPageViewed, "Support viewed a page"),
        (VerificationSubmitted, "Verification applied for"),
        (VerificationInformationRequested, "Verification: more information requested"),
        (VerificationAnswered, "Verification: information sent"),
        (VerificationApproved, "Verification approved"),
        (VerificationRejected, "Verification rejected"),
        (VerificationReminded, "Verification expiry reminder"),
        (AgreementAccepted, "Regulated-data agreement accepted"),
        (RegulatedFeatureChanged, "Regulated-data feature changed"),
    ];

    /// <summary>The label of <paramref name="action"/>, or the action itself when it is not a known one.</summary>
    public static string LabelOf(string action) =>
        All.FirstOrDefault(a => string.Equals(a.Action, action, StringComparison.Ordinal)).Label ?? action;
}
