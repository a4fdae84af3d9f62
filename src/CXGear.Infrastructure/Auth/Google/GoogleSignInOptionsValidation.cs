using System.Net;
using CXGear.Application.Auth.Common;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Auth.Google;

/// <summary>
/// Checked at start: a client id without its secret (or the reverse) is a half-done set-up, not "off"; the authority
/// must be an absolute https URL, except a loopback http one (a local fake provider), since the discovery document
/// decides which keys sign the tokens we trust.
/// </summary>
internal sealed class GoogleSignInOptionsValidation : IValidateOptions<GoogleSignInOptions>
{
    public ValidateOptionsResult Validate(string? name, GoogleSignInOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId) != string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Auth:Google:ClientId and Auth:Google:ClientSecret must be set together (or neither, to turn Sign in with Google off).");
        }

        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority)
            || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && IsLoopback(authority))))
        {
            failures.Add("Auth:Google:Authority must be an absolute https URL (plain http only on a loopback address, for a local test provider).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool RequiresHttps(string authority) =>
        !(Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri));

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
