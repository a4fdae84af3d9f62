using CXGear.Domain.Common;
using CXGear.Domain.Vault;

namespace CXGear.Domain.Tests.Vault;

public sealed class VaultSecretTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static VaultSecret Create(string value = "0123456789abcdef", string label = "crm_token") =>
        VaultSecret.Create(Guid.NewGuid(), label, " CRM ", value, "protected", Guid.NewGuid(), Now);

    [TestCase("0123456789abcdef", "••••cdef")]
    [TestCase("0123456789ab", "••••89ab")]
    [TestCase("0123456789a", "••••")]
    [TestCase("x", "••••")]
    public void The_preview_shows_the_last_four_characters_of_values_of_12_or_more_and_none_of_shorter_ones(string value, string preview) =>
        Assert.That(Create(value).ValuePreview, Is.EqualTo(preview));

    [Test]
    public void Rotation_replaces_value_and_preview_and_keeps_the_description_when_none_is_given()
    {
        var secret = Create();

        secret.Rotate(null, "new-value-000000WXYZ", "protected-2", Guid.NewGuid(), Now.AddMinutes(1));

        Assert.That((secret.ProtectedValue, secret.ValuePreview, secret.Description, secret.UpdatedAt, secret.CreatedAt),
            Is.EqualTo(("protected-2", "••••WXYZ", "CRM", Now.AddMinutes(1), Now)));
    }

    [TestCase("crm_token", true)]
    [TestCase("a", true)]
    [TestCase("a1_", true)]
    [TestCase("A", false)]
    [TestCase("_a", false)]
    [TestCase("1a", false)]
    [TestCase("a-b", false)]
    [TestCase("a.b", false)]
    [TestCase("", false)]
    public void Labels_are_lower_snake_case(string label, bool valid) => Assert.That(VaultLabel.IsValid(label), Is.EqualTo(valid));

    [Test]
    public void A_bad_label_an_empty_value_or_a_value_over_8_KB_is_refused()
    {
        Assert.That(() => Create(label: "Bad"), Throws.TypeOf<CXGearException>());
        Assert.That(() => Create(value: " "), Throws.TypeOf<CXGearException>());
        Assert.That(() => Create(value: new string('a', VaultSecret.MaxValueBytes + 1)), Throws.TypeOf<CXGearException>());
        Assert.That(Create(value: new string('a', VaultSecret.MaxValueBytes)).ValuePreview, Is.EqualTo("••••aaaa"));
    }

    [Test]
    public void The_use_stamp_is_due_when_never_used()
    {
        var secret = Create();
        Assert.That(VaultSecret.UseStampDue.IsSatisfiedBy(secret, Now), Is.True);
    }
}
