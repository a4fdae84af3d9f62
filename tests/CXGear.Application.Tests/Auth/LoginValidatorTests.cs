using CXGear.Application.Auth.Commands.Login;

namespace CXGear.Application.Tests.Auth;

public sealed class LoginValidatorTests
{
    private static readonly LoginCommand Valid = new("ada@example.com", "violet-tangerine-orbit-57", null, Takeover: false);

    private readonly LoginValidator _validator = new();

    [Test]
    public void A_complete_login_passes()
    {
        Assert.That(FailedProperties.Of(_validator, Valid), Is.Empty);
    }

    [Test]
    public void A_short_or_common_password_is_still_accepted_for_shape()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(FailedProperties.Of(_validator, Valid with { Password = "password" }), Is.Empty);
            Assert.That(FailedProperties.Of(_validator, Valid with { Password = "x" }), Is.Empty);
        }
    }

    [Test]
    public void A_blank_email_fails()
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { Email = " " }), Is.EqualTo(new[] { "Email" }));
    }

    [Test]
    public void An_email_over_254_characters_fails()
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { Email = new string('a', 243) + "@example.com" }), Is.EqualTo(new[] { "Email" }));
    }

    [Test]
    public void An_empty_password_fails()
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { Password = "" }), Is.EqualTo(new[] { "Password" }));
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
