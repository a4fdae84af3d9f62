using CXGear.Domain.Common;

namespace CXGear.Domain.Channels;

/// <summary>
/// The OAuth <c>state</c> of one connect attempt: bound to the organization and user that asked, single use, short
/// lived. Only the state's SHA-256 is stored, so a database read gives nobody a usable state.
/// </summary>
public sealed class ChannelConnectState
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public const int MaxRedirectUriLength = 2_048;

    private ChannelConnectState()
    {
        StateHash = string.Empty;
        RedirectUri = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the state handed to the browser.</summary>
    public string StateHash { get; private set; }

    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>The redirect URI the authorize URL carried: the code exchange must send exactly the same one.</summary>
    public string RedirectUri { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }

    /// <summary>States that can no longer be used: cleared when the organization starts another attempt.</summary>
    public static TimedRule<ChannelConnectState> Spent { get; } = new((s, now) => s.UsedAt != null || s.ExpiresAt <= now);

    public static ChannelConnectState Issue(string stateHash, Guid organizationId, Guid userId, string redirectUri, DateTime now) =>
        new()
        {
            Id = Ids.New(now),
            StateHash = stateHash,
            OrganizationId = organizationId,
            UserId = userId,
            RedirectUri = redirectUri.Length <= MaxRedirectUriLength ? redirectUri : throw new ArgumentException("The redirect URI is too long.", nameof(redirectUri)),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };

    public bool IsExpiredAt(DateTime now) => ExpiresAt <= now;
}
