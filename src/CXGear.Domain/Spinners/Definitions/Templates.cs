using System.Text.RegularExpressions;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// The placeholder syntax of every template in a definition, in one place: the runtime fills them, and save-time checks
/// read them (which vault labels a step names, what is literal text). <c>{{path}}</c> is the API's form; the product's
/// short forms <c>{params:x}</c> (the row's field <c>x</c>, the same as <c>{{payload.x}}</c>) and <c>{output:x}</c>
/// (the same as <c>{{output.x}}</c>) are read as those paths.
/// </summary>
public static partial class Templates
{
    /// <summary>Paths under this prefix name a vault secret: <c>{{vault.crm_token}}</c>.</summary>
    public const string VaultPrefix = "vault.";

    /// <summary>
    /// Group <c>path</c>: a <c>{{…}}</c> path without the braces and the spaces around it; or groups <c>scope</c>
    /// (<c>params</c> | <c>output</c>) and <c>key</c> for a short form. Use <see cref="PathOf"/> rather than the groups.
    /// </summary>
    [GeneratedRegex(@"\{\{\s*(?<path>[^{}\s][^{}]*?)\s*\}\}|\{(?<scope>params|output):(?<key>[^{}\s][^{}]*?)\}", RegexOptions.CultureInvariant)]
    public static partial Regex Placeholder();

    /// <summary>The path a placeholder reads: <c>{params:x}</c> → <c>payload.x</c>, <c>{output:x}</c> → <c>output.x</c>.</summary>
    public static string PathOf(Match placeholder)
    {
        var scope = placeholder.Groups["scope"];
        if (!scope.Success)
        {
            return placeholder.Groups["path"].Value;
        }

        var key = placeholder.Groups["key"].Value;
        return scope.Value == "params" ? $"payload.{key}" : $"output.{key}";
    }

    /// <summary>The placeholder as its author wrote it, without braces: what a missing value renders as (<c>‹params:x›</c>).</summary>
    public static string Written(Match placeholder) =>
        placeholder.Groups["scope"].Success ? $"{placeholder.Groups["scope"].Value}:{placeholder.Groups["key"].Value}" : placeholder.Groups["path"].Value;

    /// <summary>Whether the text may hold a placeholder at all (a cheap test before the regex).</summary>
    public static bool MayHavePlaceholders(string text) => text.Contains('{', StringComparison.Ordinal);

    public static bool HasPlaceholders(string text) => MayHavePlaceholders(text) && Placeholder().IsMatch(text);

    public static IEnumerable<string> Paths(string template) =>
        MayHavePlaceholders(template)
            ? Placeholder().Matches(template).Select(PathOf)
            : [];

    /// <summary>The labels a template reads from the vault, as written (valid or not).</summary>
    public static IEnumerable<string> VaultLabels(string template) =>
        Paths(template).Where(IsVaultPath).Select(p => p[VaultPrefix.Length..]);

    public static bool IsVaultPath(string path) => path.StartsWith(VaultPrefix, StringComparison.Ordinal);

    /// <summary>The template's own text: what is left when every placeholder is taken out.</summary>
    public static string LiteralText(string template) =>
        MayHavePlaceholders(template) ? Placeholder().Replace(template, string.Empty) : template;
}
