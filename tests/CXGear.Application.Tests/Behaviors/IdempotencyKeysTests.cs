using CXGear.Application.Common.Idempotency;

namespace CXGear.Application.Tests.Behaviors;

public sealed class IdempotencyKeysTests
{
    [TestCase("a")]
    [TestCase("3f0c6c1e-2b7a-4f51-9a55-0e2d2b0e5a11")]
    [TestCase("order 42 / retry ~ #1")]
    public void Printable_ascii_keys_are_valid(string key) => Assert.That(IdempotencyKeys.IsValid(key), Is.True);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("tab\t")]
    [TestCase("naïve")]
    [TestCase("line\nbreak")]
    public void Empty_control_and_non_ascii_keys_are_invalid(string? key) => Assert.That(IdempotencyKeys.IsValid(key), Is.False);

    [Test]
    public void Keys_are_at_most_255_characters()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(IdempotencyKeys.IsValid(new string('k', 255)), Is.True);
            Assert.That(IdempotencyKeys.IsValid(new string('k', 256)), Is.False);
        }
    }

    [Test]
    public void Scopes_name_the_credential_kind()
    {
        var id = Guid.NewGuid();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(IdempotencyKeys.ApiKeyScope(id), Is.EqualTo($"key:{id:N}"));
            Assert.That(IdempotencyKeys.WebhookScope(id), Is.EqualTo($"webhook:{id:N}"));
        }
    }
}
