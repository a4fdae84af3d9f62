
namespace CXGear.Application.Common.Security;

/// <summary>
/// NIST 800-63B style: 8–128 characters, no composition rules, and no password from a list of the
/// most common ones (embedded resource <c>common-passwords.txt</c>).
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    private static HashSet<string> Load()
    {
        var assembly = typeof(PasswordRules).Assembly;
        using var stream = assembly.GetManifestResourceStream("CXGear.Application.Common.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim());
            }
        }

        return set;
    }
}
