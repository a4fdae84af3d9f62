using System.Security.Cryptography;
using System.Text;
using CXGear.Application.Common.Security;

namespace CXGear.Application.Tests.Security;

public sealed class SecretFormatTests
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // Checksums computed outside this code (Python: zlib.crc32, then 6 base62 digits, most significant first).
    private const string KnownKey = "cxg_123456789012345678901234567890" + "2PDSiF";
    private const string KnownToken = "cxgt_abcdefghijklmnopqrstuvwxyzABCD" + "4dNndU";

    [Test]
    public void A_generated_key_is_cxg_then_30_random_and_6_checksum_base62_characters()
    {
        var issued = SecretFormat.ApiKey.Generate();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(issued.Secret, Does.Match("^cxg_[0-9A-Za-z]{36}$"));
            Assert.That(issued.Secret, Has.Length.EqualTo(40));
            Assert.That(SecretFormat.ApiKey.Length, Is.EqualTo(40));
            Assert.That(issued.LookupPrefix, Is.EqualTo(issued.Secret[..12]));
            Assert.That(issued.Hash, Is.EqualTo(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Secret))));
            Assert.That(issued.Secret[^6..], Is.EqualTo(ChecksumOf(issued.Secret[4..34])));
        }
    }

    [Test]
    public void A_generated_ingest_token_is_cxgt_with_the_same_shape()
    {
        var issued = SecretFormat.IngestToken.Generate();

        Assert.That(issued.Secret, Does.Match("^cxgt_[0-9A-Za-z]{36}$"));
        Assert.That(issued.LookupPrefix, Is.EqualTo(issued.Secret[..13]));
        Assert.That(SecretFormat.IngestToken.TryParse(issued.Secret, out var prefix), Is.True);
        Assert.That(prefix, Is.EqualTo(issued.LookupPrefix));
    }

    [Test]
    public void Generated_secrets_parse_back_to_their_lookup_prefix_and_never_repeat()
    {
        var issued = Enumerable.Range(0, 200).Select(_ => SecretFormat.ApiKey.Generate()).ToList();

        foreach (var secret in issued)
        {
            Assert.That(SecretFormat.ApiKey.TryParse(secret.Secret, out var prefix), Is.True, secret.Secret);
            Assert.That(prefix, Is.EqualTo(secret.LookupPrefix));
        }

        Assert.That(issued.Select(s => s.Secret), Is.Unique);
        Assert.That(issued.Select(s => s.LookupPrefix), Is.Unique);
    }

    [Test]
    public void Known_secrets_with_an_externally_computed_checksum_parse()
    {
        Assert.That(SecretFormat.ApiKey.TryParse(KnownKey, out var keyPrefix), Is.True);
        Assert.That(SecretFormat.IngestToken.TryParse(KnownToken, out var tokenPrefix), Is.True);
        Assert.That(keyPrefix, Is.EqualTo("cxg_12345678"));
        Assert.That(tokenPrefix, Is.EqualTo("cxgt_abcdefgh"));
    }

    [Test]
    public void Changing_any_one_character_after_the_type_prefix_fails_the_checksum()
    {
        var secret = SecretFormat.ApiKey.Generate().Secret;

        for (var i = 4; i < secret.Length; i++)
        {
            var changed = secret.ToCharArray();
            changed[i] = changed[i] == 'a' ? 'b' : 'a';
            var candidate = new string(changed);

            Assert.That(SecretFormat.ApiKey.TryParse(candidate, out var prefix), Is.False, $"position {i}: {candidate}");
            Assert.That(prefix, Is.Empty);
        }
    }

    [Test]
    public void Swapping_two_random_characters_fails_the_checksum()
    {
        var swapped = "cxg_213456789012345678901234567890" + "2PDSiF";

        Assert.That(SecretFormat.ApiKey.TryParse(swapped, out _), Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("cxg_")]
    [TestCase("cxg_12345678901234567890123456789" + "2PDSiF")]
    [TestCase("cxg_123456789012345678901234567890" + "2PDSiFx")]
    [TestCase("cxg_123456789012345678901234567890" + "2PDSi")]
    [TestCase("CXG_123456789012345678901234567890" + "2PDSiF")]
    [TestCase("cxh_123456789012345678901234567890" + "2PDSiF")]
    [TestCase(" cxg_123456789012345678901234567890" + "2PDSiF")]
    [TestCase("cxg_123456789012345678901234567890" + "2PDSiF ")]
    [TestCase("cxgt_123456789012345678901234567890" + "2PDSiF")]
    [TestCase("xxxx_123456789012345678901234567890" + "2PDSiF")]
    public void A_wrong_prefix_or_length_is_refused(string? candidate)
    {
        Assert.That(SecretFormat.ApiKey.TryParse(candidate, out var prefix), Is.False);
        Assert.That(prefix, Is.Empty);
    }

    [Test]
    public void A_key_is_not_an_ingest_token_and_a_token_is_not_a_key()
    {
        Assert.That(SecretFormat.IngestToken.TryParse(KnownKey, out _), Is.False);
        Assert.That(SecretFormat.ApiKey.TryParse(KnownToken, out _), Is.False);
    }

    [TestCase('-')]
    [TestCase('_')]
    [TestCase('+')]
    [TestCase('é')]
    [TestCase('٣')]
    public void A_character_outside_base62_is_refused_even_when_the_checksum_would_hold(char outsider)
    {
        // Put the character in the random part and give it the checksum CRC32 computes over it, so only the alphabet check can refuse it.
        var random = outsider + "23456789012345678901234567890";
        var candidate = "cxg_" + random + ChecksumOf(random);

        Assert.That(candidate, Has.Length.EqualTo(40));
        Assert.That(SecretFormat.ApiKey.TryParse(candidate, out _), Is.False);
    }

    [Test]
    public void Matches_compares_the_whole_secret_with_its_stored_hash()
    {
        var issued = SecretFormat.ApiKey.Generate();
        var other = SecretFormat.ApiKey.Generate();

        Assert.That(SecretFormat.Matches(issued.Secret, issued.Hash), Is.True);
        Assert.That(SecretFormat.Matches(other.Secret, issued.Hash), Is.False);
        Assert.That(SecretFormat.Matches(issued.Secret, []), Is.False);
    }

    [Test]
    public void An_issued_secret_never_prints_its_secret()
    {
        var issued = SecretFormat.ApiKey.Generate();

        Assert.That(issued.ToString(), Does.Not.Contain(issued.Secret));
        Assert.That(issued.ToString(), Does.Not.Contain(issued.Secret[12..]));
        Assert.That(issued.ToString(), Does.Contain(issued.LookupPrefix));
        Assert.That($"{issued}", Does.Not.Contain(issued.Secret));
    }

    private static string ChecksumOf(string random)
    {
        var value = (ulong)Crc32.Compute(random);
        var digits = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            digits[i] = Base62[(int)(value % 62)];
            value /= 62;
        }

        return new string(digits);
    }
}
