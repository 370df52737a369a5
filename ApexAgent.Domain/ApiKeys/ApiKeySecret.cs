using System.Security.Cryptography;
using System.Text;

namespace ApexAgent.Domain.ApiKeys;

/// <summary>
/// The secret of a platform API key: <c>apx_live_</c> or <c>apx_test_</c> followed by 32 random base62
/// characters (about 190 bits). Only its SHA-256 hash is ever stored.
/// </summary>
public sealed record ApiKeySecret(string Plaintext)
{
    public const int RandomLength = 32;
    public const int VisibleRandomChars = 6;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string PrefixFor(ApiKeyMode mode) => mode == ApiKeyMode.Live ? "apx_live_" : "apx_test_";

    public static ApiKeySecret Generate(ApiKeyMode mode)
    {
        var random = RandomNumberGenerator.GetString(Alphabet, RandomLength);
        return new ApiKeySecret(PrefixFor(mode) + random);
    }

    /// <summary>The part shown in lists, enough to recognise a key but useless to an attacker.</summary>
    public string DisplayPrefix => Plaintext[..(PrefixFor(Mode).Length + VisibleRandomChars)];

    public ApiKeyMode Mode => Plaintext.StartsWith("apx_live_", StringComparison.Ordinal) ? ApiKeyMode.Live : ApiKeyMode.Test;

    public string Hash => HashOf(Plaintext);

    /// <summary>Lowercase hex SHA-256 of the whole key.</summary>
    public static string HashOf(string plaintext)
    {
        var length = Encoding.UTF8.GetByteCount(plaintext);
        Span<byte> bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(plaintext, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Rejects anything that cannot be a key without touching storage.</summary>
    public static bool HasValidFormat(ReadOnlySpan<char> candidate)
    {
        if (candidate.Length != 9 + RandomLength ||
            !(candidate.StartsWith("apx_live_", StringComparison.Ordinal) || candidate.StartsWith("apx_test_", StringComparison.Ordinal)))
        {
            return false;
        }

        foreach (var c in candidate[9..])
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => DisplayPrefix + "…";
}
