using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// Reads the members of one JSON object, recording an error with its path for each missing, mistyped, too long or
/// unknown member instead of stopping at the first, so a client can fix a whole definition in one round trip.
/// </summary>
internal sealed class JsonObjectReader(JsonElement element, string path, List<DefinitionError> errors)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public string Path { get; } = path;

    public List<DefinitionError> Errors { get; } = errors;

    public string At(string member) => $"{Path}.{member}";

    public void Error(string member, string message) => Errors.Add(new DefinitionError(At(member), message));

    public bool Has(string member)
    {
        _known.Add(member);
        return element.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null;
    }

    public JsonElement? Member(string member)
    {
        _known.Add(member);
        return element.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public string? RequiredString(string member, int maxLength)
    {
        var value = OptionalString(member, maxLength, out var present);
        if (!present)
        {
            Error(member, $"'{member}' is required.");
        }
        else if (value is { Length: 0 })
        {
            Error(member, $"'{member}' must not be empty.");
            return null;
        }

        return value;
    }

    public string? OptionalString(string member, int maxLength) => OptionalString(member, maxLength, out _);

    /// <summary>
    /// Unknown members are refused rather than dropped: a typo such as <c>mesage</c> would otherwise vanish silently
    /// from the stored canonical form.
    /// </summary>
    public void RefuseUnknownMembers()
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
            {
                Error(property.Name, $"Unknown member '{property.Name}'.");
            }
        }
    }

    private string? OptionalString(string member, int maxLength, out bool present)
    {
        var value = Member(member);
        present = value is not null;
        if (value is not { } json)
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.String)
        {
            Error(member, $"'{member}' must be a string.");
            present = true;
            return null;
        }

        var text = json.GetString()!;
        if (text.Length > maxLength)
        {
            Error(member, $"'{member}' must be at most {maxLength} characters.");
            return null;
        }

        return text;
    }
}
