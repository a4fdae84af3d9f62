using System.Text.RegularExpressions;

namespace CXGear.Application.Spinners.Runtime;

/// <summary>
/// Fills <c>{{path}}</c> placeholders (see <see cref="TemplateValues"/>). A path that names nothing renders as
/// <c>‹path›</c>, so a missing field is visible in the journey instead of silently empty. <paramref name="encode"/>
/// escapes each inserted value for where it lands (URL, JSON), never the template's own text.
/// </summary>
public static partial class TemplateRenderer
{
    public static string Render(string template, RecordState state, Func<string, string>? encode = null)
    {
        if (!template.Contains("{{", StringComparison.Ordinal))
        {
            return template;
        }

        return Placeholder().Replace(template, match =>
        {
            var path = match.Groups[1].Value;
            var value = TemplateValues.Resolve(path, state);
            return value is null ? $"‹{path}›" : encode is null ? value : encode(value);
        });
    }

    [GeneratedRegex(@"\{\{\s*([^{}\s][^{}]*?)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
