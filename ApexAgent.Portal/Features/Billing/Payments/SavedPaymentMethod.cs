namespace ApexAgent.Portal.Features.Billing.Payments;

/// <summary>What the processor tells us about a saved method: its token and how people recognise it.</summary>
public sealed record SavedPaymentMethod(string Token, string Type, string Brand, string Last4, int ExpMonth, int ExpYear);
