using System.Text.RegularExpressions;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// The placeholder syntax of every template in a definition, <c>{{path}}</c>, in one place: the runtime fills them,
/// and save-time checks read them (which vault labels a step names, what is literal text).
/// </summary>
public static partial class Templates
{
    /// <summary>Paths under this prefix name a vault secret: <c>{{vault.crm_token}}</c>.</summary>
    public const string VaultPrefix = "vault.";

    /// <summary>Group 1 is the path, without the braces and the spaces around it.</summary>
    [GeneratedRegex(@"\{\{\s*([^{}\s][^{}]*?)\s*\}\}", RegexOptions.CultureInvariant)]
    public static partial Regex Placeholder();

    public static IEnumerable<string> Paths(string template) =>
        template.Contains("{{", StringComparison.Ordinal)
            ? Placeholder().Matches(template).Select(m => m.Groups[1].Value)
            : [];

    /// <summary>The labels a template reads from the vault, as written (valid or not).</summary>
    public static IEnumerable<string> VaultLabels(string template) =>
        Paths(template).Where(IsVaultPath).Select(p => p[VaultPrefix.Length..]);

    public static bool IsVaultPath(string path) => path.StartsWith(VaultPrefix, StringComparison.Ordinal);

    /// <summary>The template's own text: what is left when every placeholder is taken out.</summary>
    public static string LiteralText(string template) =>
        template.Contains("{{", StringComparison.Ordinal) ? Placeholder().Replace(template, string.Empty) : template;
}
