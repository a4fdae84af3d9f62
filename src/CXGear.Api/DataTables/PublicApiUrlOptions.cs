using Microsoft.Extensions.Options;

namespace CXGear.Api.DataTables;

/// <summary><c>PUBLIC_API_URL</c> (or <c>PublicApiUrl</c>): this API's public base URL, as webhook URLs must show it.</summary>
internal sealed class PublicApiUrlOptions
{
    public const string Key = "PUBLIC_API_URL";
    public const string AlternativeKey = "PublicApiUrl";

    /// <summary>The configured value, trimmed, without a trailing slash; null when unset.</summary>
    public string? BaseUrl { get; set; }

    public static void Read(PublicApiUrlOptions options, IConfiguration configuration)
    {
        var value = string.IsNullOrWhiteSpace(configuration[Key]) ? configuration[AlternativeKey] : configuration[Key];
        options.BaseUrl = string.IsNullOrWhiteSpace(value) ? null : value.Trim().TrimEnd('/');
    }
}

/// <summary>
/// A table's webhook URL carries its token, so it must never be built from a Host header a client chose: in Production
/// the public URL is required (start-up stops without it); anywhere, a value that is not an absolute http(s) base URL
/// stops start-up rather than producing URLs no CRM can call.
/// </summary>
internal sealed class PublicApiUrlValidation(IHostEnvironment environment) : IValidateOptions<PublicApiUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicApiUrlOptions options)
    {
        if (options.BaseUrl is null)
        {
            return environment.IsProduction()
                ? ValidateOptionsResult.Fail($"{PublicApiUrlOptions.Key} (or {PublicApiUrlOptions.AlternativeKey}) is not set. In Production ingest "
                    + "webhook URLs are built from it, never from the request's Host header: set it to this API's public base URL (https://api.example.com).")
                : ValidateOptionsResult.Success;
        }

        var valid = Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
        return valid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{PublicApiUrlOptions.Key} is '{options.BaseUrl}'; it must be an absolute http(s) URL with no query, "
                + "fragment or user info (https://api.example.com).");
    }
}
