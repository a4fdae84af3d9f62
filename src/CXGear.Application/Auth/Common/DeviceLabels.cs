namespace CXGear.Application.Auth.Common;

/// <summary>
/// Derives "Chrome on macOS" from a User-Agent when the client names no device. Order matters: Edge and
/// Opera also claim Chrome, Chrome also claims Safari, and iOS also claims "like Mac OS X".
/// </summary>
public static class DeviceLabels
{
    public const string Unknown = "Unknown device";

    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
        ("curl/", "curl"), ("PostmanRuntime/", "Postman"), ("python-requests/", "Python"), ("okhttp/", "OkHttp"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Android", "Android"), ("CrOS", "ChromeOS"), ("Windows", "Windows"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    public static string Resolve(string? requested, string? userAgent)
    {
        var label = requested?.Trim();
        return string.IsNullOrEmpty(label) ? FromUserAgent(userAgent) : label;
    }

    public static string FromUserAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }

        var browser = Find(Browsers, userAgent);
        var system = Find(Systems, userAgent);
        return (browser, system) switch
        {
            (null, null) => Unknown,
            (not null, null) => browser,
            (null, not null) => $"Browser on {system}",
            _ => $"{browser} on {system}",
        };
    }

    private static string? Find((string Token, string Name)[] table, string userAgent)
    {
        foreach (var (token, name) in table)
        {
            if (userAgent.Contains(token, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }
}
