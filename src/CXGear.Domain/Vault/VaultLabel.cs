using System.Text.RegularExpressions;

namespace CXGear.Domain.Vault;

/// <summary>
/// A vault secret's name, as templates write it (<c>{{vault.crm_token}}</c>): lower-case snake case, so a label reads
/// the same in a URL path, a template and a log line, and two labels never differ only by case.
/// </summary>
public static partial class VaultLabel
{
    public const int MaxLength = 64;

    public const string Rule = "A label is 1-64 characters: a lower-case letter, then lower-case letters, digits or '_'.";

    public static bool IsValid(string? label) => label is not null && Pattern().IsMatch(label);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
