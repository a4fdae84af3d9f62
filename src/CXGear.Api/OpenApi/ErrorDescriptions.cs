using CXGear.Domain.Common;

namespace CXGear.Api.OpenApi;

/// <summary>
/// What each error code means (docs/api.md#error-codes), for the response descriptions readers see in Swagger
/// UI, in the contract's order (which is also the order the document lists them in). Every code the document
/// lists must have a line here: generating the document fails otherwise.
/// </summary>
internal static class ErrorDescriptions
{
    private static readonly (string Code, string Meaning)[] Catalogue =
    [
        (ErrorCodes.ValidationError, "the body, query or a header fails validation, or the JSON is malformed; `errors` names each field"),
        (ErrorCodes.SchemaMismatch, "the columns sent do not fit the table; the body names the unknown and missing columns"),
        (ErrorCodes.InvalidResetToken, "the reset token is used, expired or wrong"),
        (ErrorCodes.Unauthenticated, "no credentials were sent"),
        (ErrorCodes.TokenInvalid, "the access or refresh token is malformed, unknown, badly signed, or for another issuer or audience"),
        (ErrorCodes.TokenExpired, "the access token is past its 15 minutes: refresh it"),
        (ErrorCodes.SessionExpired, "the session behind the token has expired"),
        (ErrorCodes.SessionRevoked, "the session behind the token was ended (logout, password change, admin action, refresh token reuse)"),
        (ErrorCodes.SessionReplaced, "a sign-in on another device replaced this session"),
        (ErrorCodes.InvalidApiKey, "no API key was sent, or it is unknown, malformed, revoked or expired, or the credential is not an API key"),
        (ErrorCodes.InvalidCredentials, "wrong email or password"),
        (ErrorCodes.InvalidIngestToken, "the table's ingest token is unknown, malformed or rotated"),
        (ErrorCodes.KeyMissingScope, "the API key lacks this route's scope; `scope` names it"),
        (ErrorCodes.ApiKeyNotAllowed, "an API key was sent to a route that takes a user's access token"),
        (ErrorCodes.Forbidden, "the caller lacks the permission (`permission` names it) or the kind of account this route needs"),
        (ErrorCodes.PlanLimit, "a plan meter is full; `meter`, `used`, `limit`, `required` and `remaining` say which and by how much, and `upgradeUrl` (for users) where to upgrade"),
        (ErrorCodes.OrganizationSuspended, "the organization is suspended by the platform's operators; every credential of it is refused until it is reactivated"),
        (ErrorCodes.NotFound, "no such resource in the caller's organization"),
        (ErrorCodes.MethodNotAllowed, "the route does not take this method"),
        (ErrorCodes.RequestTimeout, "the body did not arrive in time (a CSV upload's deadline, or the server's minimum data rate); nothing was written"),
        (ErrorCodes.UnsupportedMediaType, "the body's content type is not one this route reads"),
        (ErrorCodes.SessionConflict, "a session is open on another device; `previousSession` describes it; retry with `takeover: true`"),
        (ErrorCodes.EmailTaken, "an account already uses this email"),
        (ErrorCodes.SpinnerNotPublished, "the spinner has no published version yet"),
        (ErrorCodes.Conflict, "the resource's state does not allow this now; the message says why"),
        (ErrorCodes.IdempotencyInProgress, "a request with this Idempotency-Key is still running; retry shortly"),
        (ErrorCodes.IdempotencyKeyReused, "this Idempotency-Key was used with a different request"),
        (ErrorCodes.PayloadTooLarge, "the body is over this route's size cap"),
        (ErrorCodes.AccountLocked, "too many failed sign-ins; retry after `Retry-After` seconds"),
        (ErrorCodes.RateLimited, "too many requests in this window; retry after `Retry-After` seconds"),
        (ErrorCodes.InternalError, "an unexpected failure; quote `traceId` to support"),
        (ErrorCodes.ProviderError, "the payment provider refused or did not answer; nothing changed here, try again"),
    ];

    private static readonly Dictionary<string, int> Ranks =
        Catalogue.Select((entry, index) => (entry.Code, index)).ToDictionary(e => e.Code, e => e.index, StringComparer.Ordinal);

    public static IEnumerable<string> Known => Catalogue.Select(e => e.Code);

    public static string Of(string code) => Catalogue[Rank(code)].Meaning;

    /// <summary>The code's place in the catalogue, to list codes in a stable, readable order.</summary>
    public static int Rank(string code) =>
        Ranks.TryGetValue(code, out var rank)
            ? rank
            : throw new InvalidOperationException($"Error code {code} has no description for the OpenAPI document (Api/OpenApi/ErrorDescriptions).");
}
