using System.Security.Cryptography;
using System.Text;
using ApexAgent.Domain.ApiKeys;

namespace ApexAgent.Tests.Domain.ApiKeys;

public sealed class ApiKeySecretTests
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    [Theory]
    [InlineData(ApiKeyMode.Live, "apx_live_")]
    [InlineData(ApiKeyMode.Test, "apx_test_")]
    public void Generate_gives_the_mode_prefix_and_32_base62_characters(ApiKeyMode mode, string prefix)
    {
        var secret = ApiKeySecret.Generate(mode);

        Assert.StartsWith(prefix, secret.Plaintext, StringComparison.Ordinal);
        Assert.Equal(prefix.Length + 32, secret.Plaintext.Length);
        Assert.All(secret.Plaintext[prefix.Length..], c => Assert.Contains(c, Base62));
        Assert.Equal(mode, secret.Mode);
    }

    [Fact]
    public void PrefixFor_names_the_mode()
    {
        Assert.Equal("apx_live_", ApiKeySecret.PrefixFor(ApiKeyMode.Live));
        Assert.Equal("apx_test_", ApiKeySecret.PrefixFor(ApiKeyMode.Test));
    }

    [Fact]
    public void A_thousand_generated_keys_are_all_different()
    {
        var secrets = Enumerable.Range(0, 1_000)
            .Select(i => ApiKeySecret.Generate(i % 2 == 0 ? ApiKeyMode.Live : ApiKeyMode.Test))
            .ToList();

        Assert.Equal(1_000, secrets.Select(s => s.Plaintext[9..]).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1_000, secrets.Select(s => s.Hash).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Generated_keys_use_the_whole_base62_alphabet()
    {
        var seen = new HashSet<char>();
        for (var i = 0; i < 1_000; i++)
        {
            seen.UnionWith(ApiKeySecret.Generate(ApiKeyMode.Live).Plaintext[9..]);
        }

        Assert.Equal(Base62.Order(), seen.Order());
    }

    [Fact]
    public void Hash_is_64_lowercase_hex_characters()
    {
        for (var i = 0; i < 100; i++)
        {
            var hash = ApiKeySecret.Generate(ApiKeyMode.Live).Hash;

            Assert.Equal(64, hash.Length);
            Assert.All(hash, c => Assert.Contains(c, "0123456789abcdef"));
        }
    }

    [Fact]
    public void Hash_equals_an_independent_sha256_of_the_whole_key()
    {
        for (var i = 0; i < 100; i++)
        {
            var secret = ApiKeySecret.Generate(i % 2 == 0 ? ApiKeyMode.Live : ApiKeyMode.Test);

            Assert.Equal(IndependentSha256Hex(secret.Plaintext), secret.Hash);
            Assert.Equal(secret.Hash, ApiKeySecret.HashOf(secret.Plaintext));
        }
    }

    [Fact]
    public void HashOf_matches_the_published_sha256_test_vector()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeySecret.HashOf("abc"));
    }

    [Fact]
    public void The_hash_never_contains_the_secret()
    {
        var secret = ApiKeySecret.Generate(ApiKeyMode.Live);

        Assert.DoesNotContain(secret.Plaintext[9..], secret.Hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_that_differ_in_one_character_hash_differently()
    {
        var secret = ApiKeySecret.Generate(ApiKeyMode.Live);
        var last = secret.Plaintext[^1];
        var changed = secret.Plaintext[..^1] + (last == 'a' ? 'b' : 'a');

        Assert.NotEqual(secret.Hash, ApiKeySecret.HashOf(changed));
    }

    [Theory]
    [InlineData(ApiKeyMode.Live)]
    [InlineData(ApiKeyMode.Test)]
    public void DisplayPrefix_shows_the_mode_prefix_and_the_first_six_random_characters(ApiKeyMode mode)
    {
        var secret = ApiKeySecret.Generate(mode);

        Assert.Equal(secret.Plaintext[..15], secret.DisplayPrefix);
        Assert.StartsWith(ApiKeySecret.PrefixFor(mode), secret.DisplayPrefix, StringComparison.Ordinal);
    }

    [Fact]
    public void DisplayPrefix_of_a_known_key()
    {
        var secret = new ApiKeySecret("apx_test_AbCdEf0123456789ghijklmnopqrstuvwx");

        Assert.Equal("apx_test_AbCdEf", secret.DisplayPrefix);
        Assert.Equal(ApiKeyMode.Test, secret.Mode);
    }

    [Fact]
    public void ToString_shows_only_the_display_prefix()
    {
        var secret = ApiKeySecret.Generate(ApiKeyMode.Live);

        var text = secret.ToString();

        Assert.Equal(secret.DisplayPrefix + "…", text);
        Assert.DoesNotContain(secret.Plaintext, text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Plaintext[15..], text, StringComparison.Ordinal);
    }

    [Fact]
    public void HasValidFormat_accepts_every_generated_key()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var secret = ApiKeySecret.Generate(i % 2 == 0 ? ApiKeyMode.Live : ApiKeyMode.Test);

            Assert.True(ApiKeySecret.HasValidFormat(secret.Plaintext), secret.Plaintext);
        }
    }

    [Fact]
    public void HasValidFormat_accepts_any_base62_key_built_independently()
    {
        var random = new Random(4242);
        for (var i = 0; i < 1_000; i++)
        {
            var key = (random.Next(2) == 0 ? "apx_live_" : "apx_test_") + RandomBase62(random, 32);

            Assert.True(ApiKeySecret.HasValidFormat(key), key);
        }

        Assert.True(ApiKeySecret.HasValidFormat("apx_live_" + new string('0', 32)));
        Assert.True(ApiKeySecret.HasValidFormat("apx_test_" + new string('z', 32)));
        Assert.True(ApiKeySecret.HasValidFormat("apx_live_" + new string('Z', 32)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("                                         ")]
    [InlineData("apx_live_")]
    [InlineData("apx_test_")]
    [InlineData("apx_live_abc")]
    [InlineData("Bearer apx_live_0123456789abcdefghijABCDEFGHIJ01")]
    public void HasValidFormat_rejects_empty_blank_and_truncated_input(string candidate)
    {
        Assert.False(ApiKeySecret.HasValidFormat(candidate));
    }

    [Fact]
    public void HasValidFormat_rejects_the_default_span()
    {
        Assert.False(ApiKeySecret.HasValidFormat(default));
    }

    [Theory]
    [InlineData("apx_prod_")]
    [InlineData("APX_LIVE_")]
    [InlineData("apx_Live_")]
    [InlineData("apx-live_")]
    [InlineData("apx_live-")]
    [InlineData("apy_test_")]
    [InlineData("xpa_live_")]
    [InlineData("apx_tset_")]
    [InlineData("sk_live__")]
    [InlineData("apx__live")]
    public void HasValidFormat_rejects_a_wrong_prefix_of_the_right_length(string prefix)
    {
        var random = new Random(prefix.Sum(c => c));
        for (var i = 0; i < 50; i++)
        {
            var candidate = prefix + RandomBase62(random, 32);

            Assert.False(ApiKeySecret.HasValidFormat(candidate), candidate);
        }
    }

    [Fact]
    public void HasValidFormat_rejects_many_mutations_of_valid_keys()
    {
        var random = new Random(20261125);
        var foreign = new[] { '-', '_', '+', '/', '=', '.', ' ', '\t', '\n', '\0', 'é', 'ß', 'Ä', '٣', '５', 'Ａ', 'ı', '…' };
        for (var i = 0; i < 2_000; i++)
        {
            var key = ApiKeySecret.Generate(random.Next(2) == 0 ? ApiKeyMode.Live : ApiKeyMode.Test).Plaintext;

            var (mutation, mutant) = Mutate(key, random, foreign);

            Assert.False(ApiKeySecret.HasValidFormat(mutant), $"{mutation}: '{mutant}' was accepted");
        }
    }

    private static (string Mutation, string Mutant) Mutate(string key, Random random, char[] foreign)
    {
        switch (random.Next(9))
        {
            case 0:
                return ("one character short", key[..^1]);
            case 1:
                return ("one character long", key + Base62[random.Next(Base62.Length)]);
            case 2:
                var position = 9 + random.Next(32);
                var chars = key.ToCharArray();
                chars[position] = foreign[random.Next(foreign.Length)];
                return ($"non-alphanumeric at {position}", new string(chars));
            case 3:
                return ("leading space", " " + key);
            case 4:
                return ("trailing newline", key + "\n");
            case 5:
                return ("shifted by a leading space", " " + key[..^1]);
            case 6:
                var prefixPosition = random.Next(9);
                var prefixChars = key.ToCharArray();
                prefixChars[prefixPosition] = prefixChars[prefixPosition] == 'X' ? 'Y' : 'X';
                return ($"prefix changed at {prefixPosition}", new string(prefixChars));
            case 7:
                return ("upper-case prefix", key[..9].ToUpperInvariant() + key[9..]);
            default:
                return ("random part only", key[9..] + key[..9]);
        }
    }

    private static string RandomBase62(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => Base62[random.Next(Base62.Length)]).ToArray());

    private static string IndependentSha256Hex(string text)
    {
        using var sha = SHA256.Create();
        var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var builder = new StringBuilder(digest.Length * 2);
        foreach (var b in digest)
        {
            builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
