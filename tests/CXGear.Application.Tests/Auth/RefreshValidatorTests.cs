using CXGear.Application.Auth.Commands.Refresh;

namespace CXGear.Application.Tests.Auth;

public sealed class RefreshValidatorTests
{
    private readonly RefreshValidator _validator = new();

    [Test]
    public void A_token_passes()
    {
        Assert.That(FailedProperties.Of(_validator, new RefreshCommand("hVbq3Yw0Zr2cK8mPj4LxT6nA1sD9fG5hJ7kQ0wE3rTy")), Is.Empty);
    }

    [TestCase("")]
    [TestCase(" ")]
    public void A_blank_token_fails(string token)
    {
        Assert.That(FailedProperties.Of(_validator, new RefreshCommand(token)), Is.EqualTo(new[] { "RefreshToken" }));
    }

    [Test]
    public void A_token_over_200_characters_fails()
    {
        Assert.That(FailedProperties.Of(_validator, new RefreshCommand(new string('t', 201))), Is.EqualTo(new[] { "RefreshToken" }));
    }
}
