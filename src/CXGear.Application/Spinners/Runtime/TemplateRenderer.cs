using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Runtime;

/// <summary>
/// Fills <c>{{path}}</c> placeholders and the product's <c>{params:x}</c> / <c>{output:x}</c> short forms (see
/// <see cref="Templates"/> and <see cref="TemplateValues"/>). A path that names nothing renders as
/// <c>‹path›</c>, so a missing field is visible in the journey instead of silently empty. <paramref name="encode"/>
/// escapes each inserted value for where it lands (URL, JSON), never the template's own text. <c>{{vault.label}}</c>
/// renders only from <paramref name="secrets"/>, which only an api_call's headers and body are given.
/// </summary>
public static class TemplateRenderer
{
    public static string Render(
        string template, RecordState state, Func<string, string>? encode = null, IReadOnlyDictionary<string, string>? secrets = null)
    {
        if (!Templates.MayHavePlaceholders(template))
        {
            return template;
        }

        return Templates.Placeholder().Replace(template, match =>
        {
            var path = Templates.PathOf(match);
            var value = Templates.IsVaultPath(path)
                ? secrets?.GetValueOrDefault(path[Templates.VaultPrefix.Length..])
                : TemplateValues.Resolve(path, state);
            return value is null ? $"‹{Templates.Written(match)}›" : encode is null ? value : encode(value);
        });
    }
}
