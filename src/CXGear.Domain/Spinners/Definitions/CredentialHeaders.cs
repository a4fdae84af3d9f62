using System.Text.RegularExpressions;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// Which <c>api_call</c> headers carry credentials, and when a definition holds one in plain text. A credential
/// written into a definition is copied into every draft and version and readable by anyone with
/// <c>spinners.read</c>; it belongs in the vault, referenced as <c>{{vault.label}}</c>.
/// </summary>
public static partial class CredentialHeaders
{
    /// <summary>What reads show instead of a literal credential, and what redaction writes over a secret.</summary>
    public const string Mask = "[secret]";

    private static readonly HashSet<string> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "X-Api-Key",
    };

    private static readonly string[] NameParts = ["token", "secret", "key"];

    /// <summary>
    /// Names that contain "key" but carry no credential. <c>Idempotency-Key</c> names a request, and the runtime sets
    /// one itself when the definition does not.
    /// </summary>
    private static readonly HashSet<string> NotCredentials = new(StringComparer.OrdinalIgnoreCase) { "Idempotency-Key" };

    public static bool IsCredential(string name) =>
        !NotCredentials.Contains(name)
        && (Named.Contains(name) || NameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// True when the value's own text (placeholders taken out) is more than an authentication scheme such as
    /// <c>Bearer </c>: <c>Bearer {{vault.crm_token}}</c> and <c>{{payload.token}}</c> hold no literal, <c>Bearer abc</c> does.
    /// </summary>
    public static bool HoldsLiteral(string value) => !SchemeAtMost().IsMatch(Templates.LiteralText(value));

    /// <summary>A header holding a literal credential, as reads show it.</summary>
    public static string Masked(string name, string value) =>
        IsCredential(name) && HoldsLiteral(value) ? Mask : value;

    /// <summary>Empty, or one token (the scheme) followed by white space.</summary>
    [GeneratedRegex(@"^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemeAtMost();
}
