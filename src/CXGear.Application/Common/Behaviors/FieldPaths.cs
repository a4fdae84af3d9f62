namespace CXGear.Application.Common.Behaviors;

/// <summary>Turns FluentValidation property paths (<c>Records[3].Phone</c>) into the JSON's camelCase paths.</summary>
public static class FieldPaths
{
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
