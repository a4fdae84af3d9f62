namespace CXGear.Application.Auth.Common;

/// <summary>
/// What <c>GET /auth/google</c> remembers for its callback, in a short-lived cookie protected by
/// <see cref="ISignInStateProtector"/> rather than in the database: the state and nonce the provider will echo, the
/// PKCE verifier the code exchange needs, and where the web app goes afterwards.
/// </summary>
public sealed record GoogleSignInState(string State, string Nonce, string CodeVerifier, string ReturnUrl, DateTime ExpiresAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
}

/// <summary>Encrypts and signs the sign-in state for its cookie (Data Protection, with its own purpose).</summary>
public interface ISignInStateProtector
{
    string Protect(GoogleSignInState state);

    /// <summary>The state, or null for a value this server did not protect (forged, tampered with, or from another key ring).</summary>
    GoogleSignInState? Unprotect(string protectedValue);
}
