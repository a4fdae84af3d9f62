using CXGear.Application.Common.Security;
using FluentValidation;

namespace CXGear.Application.Auth.Common;

public static class PasswordRuleExtensions
{
    /// <summary>The one password policy, applied at sign-up, invite, reset and change.</summary>
    public static IRuleBuilderOptions<T, string> AcceptablePassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Password is required.")
            .Length(PasswordRules.MinLength, PasswordRules.MaxLength)
            .WithMessage($"Password must be {PasswordRules.MinLength} to {PasswordRules.MaxLength} characters.")
            .Must(p => p is null || !PasswordRules.IsCommon(p))
            .WithMessage("This password is too common. Choose another.");

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Email is required.")
            .MaximumLength(Domain.Users.User.MaxEmailLength)
            .EmailAddress().WithMessage("Email is not a valid address.");
}
