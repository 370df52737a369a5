namespace ApexAgent.Tests.TestSupport.Fakes;

/// <summary>
/// A tiny stand-in for <c>https://js.stripe.com/v3</c>, served to the browser with <c>page.RouteAsync</c>: <c>Stripe(pk)</c>,
/// <c>elements().create('card').mount()</c> (a plain input instead of Stripe's iframe) and <c>confirmCardSetup</c> /
/// <c>confirmCardPayment</c>, which post to <c>https://api.stripe.com</c> as Stripe.js does (the test routes that to
/// <see cref="FakeStripeServer"/>). The portal's own page code runs unchanged.
/// </summary>
public static class FakeStripeJs
{
    public const string Url = "https://js.stripe.com/v3";

    public const string Script = """
        window.Stripe = function (publishableKey) {
            const post = async (path, form) => {
                const response = await fetch("https://api.stripe.com" + path, {
                    method: "POST",
                    headers: { "Content-Type": "application/x-www-form-urlencoded" },
                    body: new URLSearchParams({ key: publishableKey, ...form }),
                });
                return { ok: response.ok, body: await response.json() };
            };
            return {
                elements() {
                    return {
                        create(type) {
                            let input;
                            return {
                                type,
                                mount(selector) {
                                    const host = typeof selector === "string" ? document.querySelector(selector) : selector;
                                    host.innerHTML = '<input id="fake-stripe-card" aria-label="Card number" placeholder="Card number" autocomplete="off" style="width:100%;border:0;outline:0;font-size:16px;background:transparent;color:inherit">';
                                    input = host.querySelector("input");
                                },
                                clear() { input.value = ""; },
                                destroy() { },
                                number() { return input.value.replace(/\s/g, ""); },
                            };
                        },
                    };
                },
                async confirmCardSetup(clientSecret, data) {
                    const id = clientSecret.split("_secret_")[0];
                    const result = await post(`/v1/setup_intents/${id}/confirm`, {
                        client_secret: clientSecret,
                        "payment_method_data[type]": "card",
                        "payment_method_data[card][number]": data.payment_method.card.number(),
                    });
                    return result.ok ? { setupIntent: result.body } : { error: result.body.error };
                },
                async confirmCardPayment(clientSecret) {
                    const id = clientSecret.split("_secret_")[0];
                    const result = await post(`/v1/payment_intents/${id}/confirm`, { client_secret: clientSecret });
                    return result.ok ? { paymentIntent: result.body } : { error: result.body.error };
                },
            };
        };
        """;
}
