namespace ApexAgent.Domain.Tax;

/// <summary>One line tax is computed on: what is left of it after discounts, in minor units (negative for a credit line).</summary>
public sealed record TaxableLine(int Position, long AmountMinor);
