namespace CXGear.Domain.Common;

/// <summary>
/// A failure the client can act on. <see cref="Code"/> is the contract's stable <c>errorCode</c>;
/// the API maps it to an HTTP status in one place, so layers below never think in status codes.
/// </summary>
public class CXGearException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>Extra members for the problem body (for example <c>previousSession</c>).</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    /// <summary>Seconds the client should wait before retrying; becomes <c>Retry-After</c>.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>
    /// The refusal is itself worth keeping (a failed sign-in counted, a replayed refresh token's session ended): the
    /// unit of work commits what the use case changed before the error goes out, instead of rolling it back.
    /// </summary>
    public bool KeepsChanges { get; init; }
}
