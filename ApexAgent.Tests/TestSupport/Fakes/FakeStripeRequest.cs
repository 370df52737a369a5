namespace ApexAgent.Tests.TestSupport.Fakes;

/// <summary>A request the fake Stripe received: what was asked, with which idempotency key, and what it answered.</summary>
public sealed record FakeStripeRequest(string Method, string Path, string? IdempotencyKey, IReadOnlyDictionary<string, string> Form, int Status);
