using CXGear.Application.Auth.Commands.ResetPassword;

namespace CXGear.Application.Tests.Auth;

public sealed class ResetPasswordValidatorTests
{
    private static readonly ResetPasswordCommand Valid =
        new("ada@example.com", "hVbq3Yw0Zr2cK8mPj4LxT6nA1sD9fG5hJ7kQ0wE3rTy", "violet-tangerine-orbit-57");

    private readonly ResetPasswordValidator _validator = new();

    [Test]
    public void A_complete_reset_passes()
    {
        Assert.That(FailedProperties.Of(_validator, Valid), Is.Empty);
    }

    [TestCase("")]
    [TestCase("ada.example.com")]
    public void A_missing_or_malformed_email_fails(string email)
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { Email = email }), Is.EqualTo(new[] { "Email" }));
    }

    [Test]
    public void An_empty_token_fails()
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { Token = "" }), Is.EqualTo(new[] { "Token" }));
    }

    [Test]
    public void A_token_over_200_characters_fails()
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { Token = new string('t', 201) }), Is.EqualTo(new[] { "Token" }));
    }

    [TestCase("")]
    [TestCase("abc")]
    [TestCase("iloveyou")]
    public void An_unacceptable_new_password_fails(string password)
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { NewPassword = password }), Is.EqualTo(new[] { "NewPassword" }));
    }
}
