using CXGear.Application.Auth.Commands.SignUp;

namespace CXGear.Application.Tests.Auth;

public sealed class SignUpValidatorTests
{
    private static readonly SignUpCommand Valid =
        new("Ada Lovelace", "Acme Contact Centre", "ada@example.com", "violet-tangerine-orbit-57", null);

    private readonly SignUpValidator _validator = new();

    [Test]
    public void A_complete_sign_up_passes()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(FailedProperties.Of(_validator, Valid), Is.Empty);
            Assert.That(FailedProperties.Of(_validator, Valid with { DeviceLabel = "Front desk" }), Is.Empty);
        }
    }

    [TestCase("")]
    [TestCase("  ")]
    public void A_blank_full_name_fails(string value)
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { FullName = value }), Is.EqualTo(new[] { "FullName" }));
    }

    [Test]
    public void A_full_name_over_200_characters_fails()
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { FullName = new string('n', 201) }), Is.EqualTo(new[] { "FullName" }));
    }

    [Test]
    public void A_blank_organization_name_fails()
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { OrganizationName = "" }), Is.EqualTo(new[] { "OrganizationName" }));
    }

    [Test]
    public void An_organization_name_over_200_characters_fails()
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { OrganizationName = new string('o', 201) }), Is.EqualTo(new[] { "OrganizationName" }));
    }

    [TestCase("")]
    [TestCase("not-an-email")]
    public void A_missing_or_malformed_email_fails(string email)
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { Email = email }), Is.EqualTo(new[] { "Email" }));
    }

    [Test]
    public void An_email_over_254_characters_fails()
    {
        var email = new string('a', 243) + "@example.com";

        Assert.That(FailedProperties.Of(_validator, Valid with { Email = email }), Is.EqualTo(new[] { "Email" }));
    }

    [TestCase("")]
    [TestCase("short1!")]
    [TestCase("password123")]
    [TestCase("Password1")]
    public void An_empty_short_or_common_password_fails(string password)
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { Password = password }), Is.EqualTo(new[] { "Password" }));
    }

    [Test]
    public void A_password_over_128_characters_fails()
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { Password = new string('p', 129) }), Is.EqualTo(new[] { "Password" }));
    }

    [Test]
    public void A_device_label_over_100_characters_fails()
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { DeviceLabel = new string('d', 101) }), Is.EqualTo(new[] { "DeviceLabel" }));
    }
}
