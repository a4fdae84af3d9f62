using System.Security.Cryptography;

namespace CXGear.Application.Common.Security;

/// <summary>
/// Org API keys (<c>cxg_</c>) and table ingest tokens (<c>cxgt_</c>): the prefix, 30 base62 characters from a
/// CSPRNG (~178 bits), then 6 base62 characters of CRC32 over the random part. Stored: a lookup prefix (the
/// type prefix + 8 random characters, shown in the UI) and the SHA-256 of the whole secret.
/// </summary>
public sealed class SecretFormat
{
    public const int RandomLength = 30;
    public const int ChecksumLength = 6;
    public const int LookupLength = 8;

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static SecretFormat ApiKey { get; } = new("cxg_");
    public static SecretFormat IngestToken { get; } = new("cxgt_");

    private SecretFormat(string typePrefix) => TypePrefix = typePrefix;

    public string TypePrefix { get; }

    public int Length => TypePrefix.Length + RandomLength + ChecksumLength;

    public IssuedSecret Generate()
    {
        Span<char> random = stackalloc char[RandomLength];
        for (var i = 0; i < random.Length; i++)
        {
            // GetInt32 draws without modulo bias.
            random[i] = Base62[RandomNumberGenerator.GetInt32(Base62.Length)];
        }

        var secret = string.Concat(TypePrefix, random, Checksum(random));
        return new IssuedSecret(secret, LookupPrefixOf(secret), OpaqueTokens.HashBytes(secret));
    }

    /// <summary>
    /// True when <paramref name="candidate"/> has this shape and its checksum holds; then <paramref name="lookupPrefix"/>
    /// is the value to look up. Costs no allocation for garbage, so a flood of bad keys never reaches the database.
    /// </summary>
    public bool TryParse(string? candidate, out string lookupPrefix)
    {
        lookupPrefix = string.Empty;
        if (candidate is null || candidate.Length != Length || !candidate.StartsWith(TypePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = candidate.AsSpan(TypePrefix.Length);
        foreach (var c in body)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        var random = body[..RandomLength];
        if (!body[RandomLength..].SequenceEqual(Checksum(random)))
        {
            return false;
        }

        lookupPrefix = LookupPrefixOf(candidate);
        return true;
    }

    /// <summary>Fixed-time comparison of a presented secret with a stored hash.</summary>
    public static bool Matches(string secret, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(OpaqueTokens.HashBytes(secret), storedHash);

    private string LookupPrefixOf(string secret) => secret[..(TypePrefix.Length + LookupLength)];

    private static string Checksum(ReadOnlySpan<char> random)
    {
        var value = (ulong)Crc32.Compute(random);
        Span<char> digits = stackalloc char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            digits[i] = Base62[(int)(value % 62)];
            value /= 62;
        }

        return new string(digits);
    }
}

/// <summary>A freshly generated secret: shown once, then only its prefix and hash remain.</summary>
public sealed record IssuedSecret(string Secret, string LookupPrefix, byte[] Hash)
{
    /// <summary>Records print their members; this one must never print the secret.</summary>
    public override string ToString() => $"IssuedSecret {{ LookupPrefix = {LookupPrefix} }}";
}
