using System.Security.Cryptography;
using System.Text.Json;
using CXGear.Application.Auth.Common;
using Microsoft.AspNetCore.DataProtection;

namespace CXGear.Infrastructure.Auth.Google;

/// <summary>
/// The sign-in state cookie through Data Protection (the key ring in the database, decision 0027): encrypted, so the
/// PKCE verifier and nonce are not readable in the browser, and authenticated, so a changed cookie is refused.
/// Its own purpose string keeps a vault value or another protected payload from passing for a state.
/// </summary>
internal sealed class DataProtectionSignInStateProtector(IDataProtectionProvider provider) : ISignInStateProtector
{
    /// <summary>Changing this string invalidates the sign-ins in flight (at most 10 minutes' worth), nothing else.</summary>
    public const string Purpose = "CXGear.Auth.GoogleSignInState.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(GoogleSignInState state) => _protector.Protect(JsonSerializer.Serialize(state, Json));

    public GoogleSignInState? Unprotect(string protectedValue)
    {
        try
        {
            return JsonSerializer.Deserialize<GoogleSignInState>(_protector.Unprotect(protectedValue), Json);
        }
        catch (Exception error) when (error is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
