namespace CXGear.Application.Common.Behaviors;

/// <summary>Turns FluentValidation property paths (<c>Records[3].Phone</c>) into the JSON's camelCase paths.</summary>
public static class FieldPaths
{
    /// <summary>
    /// Marks a failure whose property name is already the body's JSON path (a spinner definition's
    /// <c>definition.steps[0].headers.X-Api-Key</c>): member names the client chose, such as header names, stay as sent.
    /// </summary>
    public static readonly object JsonPath = new();

    public static string Of(FluentValidation.Results.ValidationFailure failure) =>
        ReferenceEquals(failure.CustomState, JsonPath) ? failure.PropertyName : ToCamelCase(failure.PropertyName);

    public static string ToCamelCase(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return path;
        }

        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            if (s.Length > 0 && char.IsUpper(s[0]))
            {
                segments[i] = char.ToLowerInvariant(s[0]) + s[1..];
            }
        }

        return string.Join('.', segments);
    }
}
