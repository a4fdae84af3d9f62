using FluentValidation;

namespace CXGear.Application.Tests.Auth;

/// <summary>The distinct property names a validator reports for a model, in the order it reports them.</summary>
internal static class FailedProperties
{
    public static string[] Of<T>(IValidator<T> validator, T model) =>
        validator.Validate(model).Errors.Select(e => e.PropertyName).Distinct().ToArray();
}
