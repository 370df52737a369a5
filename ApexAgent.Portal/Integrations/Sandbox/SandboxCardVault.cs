using System.Globalization;
using System.Security.Cryptography;
using ApexAgent.Domain.Common;
using ApexAgent.Portal.Features.Billing.Payments;

namespace ApexAgent.Portal.Integrations.Sandbox;

/// <summary>
/// The sandbox's stand-in for a processor's card form: checks a test card and turns it into a token. The number is
/// never stored or logged; only the token, brand, last four digits and expiry leave here. Only the published test
/// numbers are accepted, so nobody types a real card into the sandbox.
/// </summary>
public static class SandboxCardVault
{
    public const string TokenPrefix = "sbx_pm_";

    public static IReadOnlyDictionary<string, SandboxCard> TestCards { get; } = new Dictionary<string, SandboxCard>
    {
        ["4242424242424242"] = SandboxCard.Succeeds,
        ["4000000000000002"] = SandboxCard.Declined,
        ["4000000000009995"] = SandboxCard.InsufficientFunds,
        ["4000000000000119"] = SandboxCard.Transient,
        ["4000002500003155"] = SandboxCard.RequiresAuthentication,
    };

    public static Result<SavedPaymentMethod> Tokenise(string? number, int expMonth, int expYear, string? cvc, DateTimeOffset now)
    {
        var digits = new string((number ?? "").Where(c => c is not (' ' or '-')).ToArray());
        var errors = new FieldErrors()
            .Require(digits.Length is >= 12 and <= 19 && digits.All(char.IsAsciiDigit) && PassesLuhn(digits), "number", "Enter a valid card number.")
            .Require(expMonth is >= 1 and <= 12, "expMonth", "Enter the expiry month (1–12).")
            .Require(expYear >= now.Year && (expYear > now.Year || expMonth >= now.Month) && expYear <= now.Year + 20, "expYear", "The card has expired or the year is not valid.")
            .Require(cvc is { Length: 3 or 4 } && cvc.All(char.IsAsciiDigit), "cvc", "Enter the 3- or 4-digit security code.");
        if (errors.Any)
        {
            return errors.ToError();
        }

        if (!TestCards.TryGetValue(digits, out var behaviour))
        {
            return new Error("sandbox_test_card_required", "The sandbox accepts only test cards, such as 4242 4242 4242 4242. Never enter a real card here.");
        }

        // Like a processor's token, it tells the processor what it stands for: the behaviour, last four and expiry.
        var token = string.Create(CultureInfo.InvariantCulture, $"{TokenPrefix}{Code(behaviour)}_{digits[^4..]}_{expMonth:D2}{expYear % 100:D2}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
        return Describe(token)!;
    }

    /// <summary>What a token stands for; null when it is not a sandbox token.</summary>
    public static SavedPaymentMethod? Describe(string? token)
    {
        var parts = token is not null && token.StartsWith(TokenPrefix, StringComparison.Ordinal) ? token[TokenPrefix.Length..].Split('_') : [];
        if (parts.Length != 4 || BehaviourOf(token!) is null || parts[1].Length != 4 || parts[2].Length != 4
            || !int.TryParse(parts[2][..2], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(parts[2][2..], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }

        return new SavedPaymentMethod(token!, "card", "Visa", parts[1], month, 2000 + year);
    }

    /// <summary>The behaviour a token was issued for; null when it is not a sandbox token.</summary>
    public static SandboxCard? BehaviourOf(string token)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var code = token[TokenPrefix.Length..].Split('_')[0];
        return Enum.GetValues<SandboxCard>().Cast<SandboxCard?>().FirstOrDefault(c => Code(c!.Value) == code);
    }

    private static string Code(SandboxCard card) => card switch
    {
        SandboxCard.Succeeds => "ok",
        SandboxCard.Declined => "declined",
        SandboxCard.InsufficientFunds => "funds",
        SandboxCard.RequiresAuthentication => "3ds",
        _ => "flaky",
    };

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
