namespace ApexAgent.Domain.Tax;

/// <summary>The ABN check: 11 digits; subtract 1 from the first, weight, and the sum is a multiple of 89.</summary>
public static class AustralianBusinessNumber
{
    private static readonly int[] Weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];

    public static string Normalise(string value) => new(value.Where(c => !char.IsWhiteSpace(c)).ToArray());

    public static bool IsValid(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var digits = Normalise(value);
        if (digits.Length != 11 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            var d = digits[i] - '0' - (i == 0 ? 1 : 0);
            sum += d * Weights[i];
        }

        return sum % 89 == 0;
    }
}
