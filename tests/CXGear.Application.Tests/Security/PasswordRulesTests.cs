using CXGear.Application.Common.Security;

namespace CXGear.Application.Tests.Security;

public sealed class PasswordRulesTests
{
    [TestCase("password")]
    [TestCase("PASSWORD1")]
    [TestCase("Password1")]
    [TestCase("12345678")]
    [TestCase("  qwerty123  ")]
    public void Listed_passwords_are_common_whatever_their_case(string password)
    {
        Assert.That(PasswordRules.IsCommon(password), Is.True);
    }

    [TestCase("violet-tangerine-orbit-quarry-57")]
    [TestCase("password-but-much-longer-and-odd-93")]
    public void An_unlisted_passphrase_is_not_common(string password)
    {
        Assert.That(PasswordRules.IsCommon(password), Is.False);
    }

    [Test]
    public void The_comment_line_of_the_list_is_not_a_password()
    {
        Assert.That(PasswordRules.IsCommon("# Common passwords refused at sign-up, invite, reset and change (compared case-insensitively)."), Is.False);
    }
}
