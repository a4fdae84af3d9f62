using CXGear.Application.Auth.Commands.ForgotPassword;

namespace CXGear.Application.Tests.Auth;

public sealed class ForgotPasswordValidatorTests
{
    private readonly ForgotPasswordValidator _validator = new();

    [Test]
    public void An_email_passes()
    {
        Assert.That(FailedProperties.Of(_validator, new ForgotPasswordCommand("ada@example.com")), Is.Empty);
    }

    [TestCase("")]
    [TestCase("ada")]
    [TestCase("@example.com")]
    public void A_missing_or_malformed_email_fails(string email)
    {
        Assert.That(FailedProperties.Of(_validator, new ForgotPasswordCommand(email)), Is.EqualTo(new[] { "Email" }));
    }
}
