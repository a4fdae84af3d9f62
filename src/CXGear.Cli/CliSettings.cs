using CXGear.Client;
using CXGear.Client.Http;

namespace CXGear.Cli;

/// <summary>
/// Where the API is and which credential to use: options first, then environment variables. Secrets come only from the
/// environment or a prompt (never an option, which would land in shell history and process listings).
/// </summary>
internal static class CliSettings
{
    public const string ApiUrlVariable = "CXGEAR_API_URL";
    public const string ApiKeyVariable = "CXGEAR_API_KEY";
    public const string PasswordVariable = "CXGEAR_PASSWORD";
    public const string DefaultApiUrl = "http://localhost:3000";

    public static Uri ApiUrl(string? option)
    {
        var text = option ?? Environment.GetEnvironmentVariable(ApiUrlVariable) ?? DefaultApiUrl;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new CliException($"'{text}' is not an http(s) URL (from --api or {ApiUrlVariable}).");
    }

    public static string ApiKey() =>
        Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key
            ? key
            : throw new CliException($"Set {ApiKeyVariable} to an organization API key (cxg_…) with the scope this command needs.");

    public static CXGearClient KeyClient(Uri api, int maxAttempts = 5) =>
        new(new CXGearClientOptions { BaseAddress = api, ApiKey = ApiKey(), UserAgent = UserAgent, Retry = new RetryOptions { MaxAttempts = maxAttempts } });

    public static CXGearClient AnonymousClient(Uri api) =>
        new(new CXGearClientOptions { BaseAddress = api, UserAgent = UserAgent });

    private static string UserAgent => $"cxgear/{typeof(CliSettings).Assembly.GetName().Version?.ToString(3) ?? "0"}";
}

/// <summary>A usage or setup problem, reported as one line without a stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
