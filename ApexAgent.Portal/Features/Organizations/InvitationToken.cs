using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ApexAgent.Portal.Features.Organizations;

/// <summary>The secret in an invitation link: 32 random bytes, URL-safe. Only its SHA-256 hash is stored.</summary>
public static class InvitationToken
{
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>True for strings that could be a token (43 URL-safe characters); anything else is refused before any lookup.</summary>
    public static bool HasValidFormat(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
