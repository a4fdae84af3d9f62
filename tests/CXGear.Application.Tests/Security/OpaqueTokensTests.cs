using CXGear.Application.Common.Security;

namespace CXGear.Application.Tests.Security;

public sealed class OpaqueTokensTests
{
    [Test]
    public void New_is_43_base64url_characters()
    {
        var token = OpaqueTokens.New();

        Assert.That(token, Does.Match("^[A-Za-z0-9_-]{43}$"));
    }

    [Test]
    public void New_differs_on_every_call()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => OpaqueTokens.New()).ToList();

        Assert.That(tokens, Is.Unique);
    }

    [Test]
    public void Hash_is_64_lowercase_hex_and_deterministic()
    {
        var token = OpaqueTokens.New();

        var hash = OpaqueTokens.Hash(token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(hash, Does.Match("^[0-9a-f]{64}$"));
            Assert.That(OpaqueTokens.Hash(token), Is.EqualTo(hash));
            Assert.That(OpaqueTokens.Hash(token + "x"), Is.Not.EqualTo(hash));
        }
    }

    [Test]
    public void Hash_is_the_sha256_of_the_utf8_text()
    {
        Assert.That(OpaqueTokens.Hash("abc"), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }
}
