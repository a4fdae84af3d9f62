using CXGear.Application.Auth.Commands.ChangePassword;

namespace CXGear.Application.Tests.Auth;

public sealed class ChangePasswordValidatorTests
{
    private static readonly ChangePasswordCommand Valid = new("old-secret-value-1", "violet-tangerine-orbit-57");

    private readonly ChangePasswordValidator _validator = new();

    [Test]
    public void A_complete_change_passes()
    {
        Assert.That(FailedProperties.Of(_validator, Valid), Is.Empty);
    }

    [Test]
    public void An_empty_current_password_fails()
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { CurrentPassword = "" }), Is.EqualTo(new[] { "CurrentPassword" }));
    }

    [Test]
    public void A_current_password_over_128_characters_fails()
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { CurrentPassword = new string('c', 129) }), Is.EqualTo(new[] { "CurrentPassword" }));
    }

    [TestCase("")]
    [TestCase("1234567")]
    [TestCase("sunshine")]
    public void An_unacceptable_new_password_fails(string password)
    {
        Assert.That(FailedProperties.Of(_validator, Valid with { NewPassword = password }), Is.EqualTo(new[] { "NewPassword" }));
    }

    [Test]
    public void A_new_password_equal_to_the_current_one_fails()
    {
        var command = new ChangePasswordCommand("violet-tangerine-orbit-57", "violet-tangerine-orbit-57");

        var errors = _validator.Validate(command).Errors;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "NewPassword" }));
            Assert.That(errors.Select(e => e.ErrorMessage), Has.One.Contains("differ"));
        }
    }
}
