using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ApexAgent.Portal.Features.Billing.Webhooks;

/// <summary>
/// Verifies a <c>Stripe-Signature</c> header (<c>t=…,v1=…[,v1=…]</c>): HMAC-SHA256 with the endpoint's secret over
/// <c>{t}.{exact body bytes}</c>, compared in constant time, with the timestamp within the tolerance of the injected clock
/// either way (a replayed old delivery and one dated in the future are refused alike).
/// </summary>
public static class StripeSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value Stripe would send for <paramref name="body"/> at <paramref name="at"/> (tests and tools).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Convert.ToHexStringLower(Mac(body, secret, timestamp))}";
    }

    /// <summary>Null when genuine, else why not (for the log; the caller answers one generic 400).</summary>
    public static string? Verify(ReadOnlySpan<byte> body, string? header, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 2000)
        {
            return "missing signature";
        }

        string? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            var (key, value) = (pair[0].Trim(), pair[1].Trim());
            if (key == "t")
            {
                timestamp = value;
            }
            else if (key == "v1" && value.Length == 64)
            {
                try
                {
                    signatures.Add(Convert.FromHexString(value));
                }
                catch (FormatException)
                {
                    // not a signature; ignore it like any other unknown part
                }
            }
        }

        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            return "no timestamp";
        }

        if (signatures.Count == 0)
        {
            return "no v1 signature";
        }

        var expected = Mac(body, secret, timestamp);
        var matched = false;
        foreach (var signature in signatures)
        {
            matched |= CryptographicOperations.FixedTimeEquals(signature, expected);
        }

        if (!matched)
        {
            return "signature mismatch";
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age > Tolerance || age < -Tolerance ? "timestamp outside the tolerance" : null;
    }

    private static byte[] Mac(ReadOnlySpan<byte> body, string secret, string timestamp)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
