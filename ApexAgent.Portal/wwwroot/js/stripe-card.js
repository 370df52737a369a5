// Stripe's card field and 3-D Secure, for the portal's Blazor components. The card number is typed into Stripe's own
// field (the Card Element, an iframe served by Stripe) and goes from the browser straight to Stripe; the portal only
// gets back the SetupIntent id. Stripe.js is loaded on first use, and only where Stripe is configured.
let loading;
const forms = new Map();

function loadStripeJs() {
    if (window.Stripe) {
        return Promise.resolve();
    }

    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = "https://js.stripe.com/v3";
        script.async = true;
        script.onload = () => resolve();
        script.onerror = () => {
            loading = undefined;
            reject(new Error("Stripe's card form could not be loaded. Check your connection and try again."));
        };
        document.head.appendChild(script);
    });
    return loading;
}

function dark() {
    return document.documentElement.classList.contains("mud-theme-dark") || window.matchMedia?.("(prefers-color-scheme: dark)").matches === true;
}

export async function mount(elementId, publishableKey) {
    await loadStripeJs();
    unmount(elementId);
    const stripe = window.Stripe(publishableKey);
    const card = stripe.elements().create("card", {
        hidePostalCode: true,
        style: { base: { fontSize: "16px", fontFamily: "Roboto, system-ui, sans-serif", color: dark() ? "#e6e6e6" : "#1f2330", "::placeholder": { color: "#8a8fa3" } } },
    });
    card.mount("#" + elementId);
    forms.set(elementId, { stripe, card });
    return true;
}

export async function confirmSetup(elementId, clientSecret) {
    const form = forms.get(elementId);
    if (!form) {
        return { error: "The card form is not ready yet." };
    }

    const result = await form.stripe.confirmCardSetup(clientSecret, { payment_method: { card: form.card } });
    if (result.error) {
        return { error: result.error.message || "Stripe could not save this card." };
    }

    form.card.clear?.();
    return { setupIntentId: result.setupIntent.id, status: result.setupIntent.status };
}

export async function confirmPayment(publishableKey, clientSecret) {
    await loadStripeJs();
    const result = await window.Stripe(publishableKey).confirmCardPayment(clientSecret);
    return result.error
        ? { error: result.error.message || "Your bank did not confirm the payment." }
        : { status: result.paymentIntent.status };
}

export function unmount(elementId) {
    const form = forms.get(elementId);
    if (form) {
        form.card.destroy?.();
        forms.delete(elementId);
    }
}
