using System.Text.Json;
using CXGear.Domain.Common;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Common;

internal static class SpinnerErrors
{
    /// <summary>Also the answer for another organization's spinner: its existence is not ours to reveal.</summary>
    public static CXGearException NotFound(Guid id) => new(ErrorCodes.NotFound, $"Spinner {id} was not found.");

    public static CXGearException Invalid(string field, string message)
    {
        var error = new CXGearException(ErrorCodes.ValidationError, message);
        error.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return error;
    }

    /// <summary>The draft as a definition; the validator has already reported every error, so this only guards.</summary>
    public static SpinnerDefinition Parse(JsonElement definition)
    {
        var result = SpinnerDefinition.Parse(definition);
        if (result.Definition is { } valid)
        {
            return valid;
        }

        var error = new CXGearException(ErrorCodes.ValidationError, "The definition is not valid.");
        error.Extensions["errors"] = result.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        throw error;
    }
}
