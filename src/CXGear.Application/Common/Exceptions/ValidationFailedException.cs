using CXGear.Domain.Common;

namespace CXGear.Application.Common.Exceptions;

/// <summary>400 <c>VALIDATION_ERROR</c> with field paths, e.g. <c>records[3].phone</c>.</summary>
public sealed class ValidationFailedException : CXGearException
{
    public ValidationFailedException(IReadOnlyDictionary<string, string[]> errors, string? message = null)
        : base(ErrorCodes.ValidationError, message ?? "One or more fields are invalid.")
    {
        Errors = errors;
        Extensions["errors"] = errors;
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public static ValidationFailedException For(string field, string error) =>
        new(new Dictionary<string, string[]> { [field] = [error] }, error);
}
