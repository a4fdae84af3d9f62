using CXGear.Client.Http;

namespace CXGear.Client;

/// <summary>Where the API is, which credential to send, how to retry.</summary>
public sealed record CXGearClientOptions
{
    /// <summary>The API's root, e.g. <c>http://localhost:3000</c> (the client adds <c>/api/v1/…</c>).</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>An organization API key (<c>cxg_…</c>) for the <c>/public</c> routes, or null.</summary>
    public string? ApiKey { get; init; }

    /// <summary>A user's access token (JWT) for every other route, or null (sign in through the client instead).</summary>
    public string? AccessToken { get; init; }

    public RetryOptions Retry { get; init; } = new();

    /// <summary>The transport; null = a pooled <see cref="SocketsHttpHandler"/>. Tests pass an in-process server's handler.</summary>
    public HttpMessageHandler? InnerHandler { get; init; }

    /// <summary>Sent as <c>User-Agent</c>; the API derives a session's device label from it.</summary>
    public string UserAgent { get; init; } = "CXGear.Client";
}
