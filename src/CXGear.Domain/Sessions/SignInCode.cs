using CXGear.Domain.Common;

namespace CXGear.Domain.Sessions;

/// <summary>
/// The one-time code a provider sign-in (Sign in with Google) hands the web app in its redirect, which the web app
/// swaps at <c>POST /auth/exchange</c> for the normal login response. It names a user whose identity the provider
/// proved, lives 60 seconds and works once; only its SHA-256 is stored. The session is created at the exchange, by
/// the same rules as a password login, so the code carries no token and a database read gives nobody a session.
/// </summary>
public sealed class SignInCode
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public const int MaxProviderLength = 32;

    private SignInCode()
    {
        CodeHash = string.Empty;
        Provider = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the code handed to the browser.</summary>
    public string CodeHash { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>Which provider proved the identity (<c>google</c>): recorded on the sign-in's audit event.</summary>
    public string Provider { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }

    /// <summary>Codes that can no longer be used: cleared when their user signs in through a provider again.</summary>
    public static TimedRule<SignInCode> Spent { get; } = new((c, now) => c.UsedAt != null || c.ExpiresAt <= now);

    public static SignInCode Issue(string codeHash, Guid userId, string provider, DateTime now) => new()
    {
        Id = Ids.New(now),
        CodeHash = codeHash,
        UserId = userId,
        Provider = provider.Length <= MaxProviderLength ? provider : throw new ArgumentException("The provider name is too long.", nameof(provider)),
        CreatedAt = now,
        ExpiresAt = now + Lifetime,
    };

    public bool IsUsableAt(DateTime now) => !Spent.IsSatisfiedBy(this, now);
}
