using System.Net;
using ApexAgent.Portal.Features.Billing.Payments;
using Stripe;
using ChargeOutcome = ApexAgent.Portal.Features.Billing.Payments.ChargeOutcome;

namespace ApexAgent.Portal.Integrations.Stripe;

/// <summary>
/// Stripe's answers in the portal's terms. Hard declines (the card will not work: stolen, expired, closed, a generic
/// decline) ask for another card; soft failures (insufficient funds, the issuer unavailable, a rate limit) are retried on
/// the dunning schedule; an off-session charge the bank wants authenticated fails with <c>authentication_required</c>
/// so the customer is brought back; 5xx and conflicts after Stripe.net's retries are unknown, to be reconciled.
/// </summary>
internal static class StripeChargeOutcomes
{
    /// <summary>Decline codes after which retrying the same card is pointless.</summary>
    private static readonly HashSet<string> Hard =
    [
        "generic_decline", "lost_card", "stolen_card", "do_not_honor", "do_not_try_again", "fraudulent", "merchant_blacklist", "pickup_card",
        "restricted_card", "security_violation", "service_not_allowed", "stop_payment_order", "transaction_not_allowed", "expired_card",
        "incorrect_number", "invalid_number", "incorrect_cvc", "invalid_cvc", "invalid_expiry_month", "invalid_expiry_year", "card_not_supported",
        "currency_not_supported", "invalid_account", "new_account_information_available", "revocation_of_authorization",
        "revocation_of_all_authorizations", "no_action_taken", "not_permitted", "call_issuer", "testmode_decline", "invalid_pin",
    ];

    /// <summary>Decline and error codes that may well succeed later with the same card.</summary>
    private static readonly HashSet<string> Soft =
    [
        "insufficient_funds", "try_again_later", "processing_error", "issuer_not_available", "approve_with_id", "reenter_transaction",
        "card_velocity_exceeded", "withdrawal_count_limit_exceeded", "duplicate_transaction", "card_decline_rate_limit_exceeded", "rate_limit",
        "lock_timeout",
    ];

    private static readonly HashSet<string> AuthenticationCodes = ["authentication_required", "offline_pin_required", "online_or_offline_pin_required"];

    public const string AuthenticationRequiredMessage = "Your bank asks you to confirm this payment, which it cannot do while you are away. Choose Pay now on the invoice to confirm it with your bank, or add another card.";

    /// <summary>What a PaymentIntent's current state means.</summary>
    public static ChargeOutcome FromIntent(PaymentIntent intent, bool offSession) => intent.Status switch
    {
        "succeeded" => new ChargeOutcome(ChargeStatus.Succeeded, intent.Id),
        "requires_action" or "requires_confirmation" when !offSession => new ChargeOutcome(ChargeStatus.RequiresAction, intent.Id),
        "requires_action" or "requires_confirmation" => new ChargeOutcome(ChargeStatus.Failed, intent.Id, "authentication_required", AuthenticationRequiredMessage),
        "processing" or "requires_capture" => new ChargeOutcome(ChargeStatus.Pending, intent.Id),
        "canceled" => new ChargeOutcome(ChargeStatus.Declined, intent.Id, "payment_canceled", "The payment was canceled. Try again or use another card."),
        _ when intent.LastPaymentError is { } error => FromError(error.Code, error.DeclineCode, intent.Id, offSession),
        _ => new ChargeOutcome(ChargeStatus.Failed, intent.Id, "payment_incomplete", "The payment was not completed. We will try again, or you can use another card."),
    };

    /// <summary>What an error answer means; null when it says nothing about the charge (then it is unknown and reconciled).</summary>
    public static ChargeOutcome FromException(StripeException e, bool offSession)
    {
        var error = e.StripeError;
        var intentId = error?.PaymentIntent?.Id;
        if (e.HttpStatusCode == HttpStatusCode.TooManyRequests || error?.Code is "rate_limit" or "lock_timeout")
        {
            return new ChargeOutcome(ChargeStatus.Failed, intentId, "rate_limited", "The payment processor is busy. We will try again shortly; you will not be charged twice.");
        }

        if ((int)e.HttpStatusCode >= 500 || e.HttpStatusCode == HttpStatusCode.Conflict || error?.Type is "api_error" or "idempotency_error")
        {
            return Unknown(intentId);
        }

        if (error?.PaymentIntent is { Status: "succeeded" or "processing" or "requires_action" } intent)
        {
            return FromIntent(intent, offSession);
        }

        if (error?.Type == "card_error" || error?.Code is not null)
        {
            return FromError(error?.Code, error?.DeclineCode, intentId, offSession);
        }

        return new ChargeOutcome(ChargeStatus.Declined, intentId, "payment_method_unusable", "This payment method cannot be charged. Add another card.");
    }

    public static ChargeOutcome Unknown(string? intentId) =>
        new(ChargeStatus.Unknown, intentId, "processor_unavailable", "The payment processor did not answer. We will check the payment's outcome shortly; you will not be charged twice.");

    private static ChargeOutcome FromError(string? code, string? declineCode, string? intentId, bool offSession)
    {
        var reason = code == "card_declined" ? declineCode ?? "generic_decline" : code ?? "generic_decline";
        if (AuthenticationCodes.Contains(reason))
        {
            return offSession
                ? new ChargeOutcome(ChargeStatus.Failed, intentId, "authentication_required", AuthenticationRequiredMessage)
                : new ChargeOutcome(ChargeStatus.RequiresAction, intentId);
        }

        if (reason == "payment_intent_authentication_failure")
        {
            return new ChargeOutcome(ChargeStatus.Declined, intentId, "authentication_failed", "The payment was not authenticated with your bank. Try again or use another card.");
        }

        if (Soft.Contains(reason))
        {
            return new ChargeOutcome(ChargeStatus.Failed, intentId, reason, reason switch
            {
                "insufficient_funds" => "The card has insufficient funds. We will try again, or you can use another card.",
                "card_velocity_exceeded" or "withdrawal_count_limit_exceeded" => "The card has reached its spending limit. We will try again, or you can use another card.",
                _ => "The payment could not be processed just now. We will try again.",
            });
        }

        return reason switch
        {
            "expired_card" => new ChargeOutcome(ChargeStatus.Declined, intentId, "expired_card", "The card has expired. Add a new card."),
            "incorrect_number" or "invalid_number" or "incorrect_cvc" or "invalid_cvc" or "invalid_expiry_month" or "invalid_expiry_year" =>
                new ChargeOutcome(ChargeStatus.Declined, intentId, "card_details_invalid", "The card details are not valid. Add the card again or use another card."),
            "resource_missing" or "payment_method_unactivated" or "payment_method_not_available" =>
                new ChargeOutcome(ChargeStatus.Declined, intentId, "payment_method_unusable", "This payment method cannot be charged any more. Add another card."),
            _ => new ChargeOutcome(ChargeStatus.Declined, intentId, "card_declined", "The card was declined. Use another card."),
        };
    }

    /// <summary>Whether a decline code is one of the hard ones (for tests and the ADR; unknown codes count as hard too).</summary>
    public static bool IsHard(string declineCode) => Hard.Contains(declineCode) || !Soft.Contains(declineCode);
}
