using CXGear.Domain.Common;

namespace CXGear.Api.Errors;

/// <summary>The one place where the contract's error codes meet HTTP status codes (docs/api.md#error-codes).</summary>
public static class ErrorStatus
{
    private static readonly Dictionary<string, int> ByCode = new(StringComparer.Ordinal)
    {
        [ErrorCodes.ValidationError] = StatusCodes.Status400BadRequest,
        [ErrorCodes.SchemaMismatch] = StatusCodes.Status400BadRequest,
        [ErrorCodes.InvalidResetToken] = StatusCodes.Status400BadRequest,
        [ErrorCodes.Unauthenticated] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.TokenInvalid] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.TokenExpired] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.SessionExpired] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.SessionRevoked] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.SessionReplaced] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.InvalidApiKey] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.InvalidCredentials] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.InvalidIngestToken] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.KeyMissingScope] = StatusCodes.Status403Forbidden,
        [ErrorCodes.ApiKeyNotAllowed] = StatusCodes.Status403Forbidden,
        [ErrorCodes.Forbidden] = StatusCodes.Status403Forbidden,
        [ErrorCodes.PlanLimit] = StatusCodes.Status403Forbidden,
        [ErrorCodes.OrganizationSuspended] = StatusCodes.Status403Forbidden,
        [ErrorCodes.NotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.MethodNotAllowed] = StatusCodes.Status405MethodNotAllowed,
        [ErrorCodes.RequestTimeout] = StatusCodes.Status408RequestTimeout,
        [ErrorCodes.SessionConflict] = StatusCodes.Status409Conflict,
        [ErrorCodes.EmailTaken] = StatusCodes.Status409Conflict,
        [ErrorCodes.SpinnerNotPublished] = StatusCodes.Status409Conflict,
        [ErrorCodes.Conflict] = StatusCodes.Status409Conflict,
        [ErrorCodes.IdempotencyInProgress] = StatusCodes.Status409Conflict,
        [ErrorCodes.PayloadTooLarge] = StatusCodes.Status413PayloadTooLarge,
        [ErrorCodes.UnsupportedMediaType] = StatusCodes.Status415UnsupportedMediaType,
        [ErrorCodes.IdempotencyKeyReused] = StatusCodes.Status422UnprocessableEntity,
        [ErrorCodes.AccountLocked] = StatusCodes.Status423Locked,
        [ErrorCodes.RateLimited] = StatusCodes.Status429TooManyRequests,
        [ErrorCodes.InternalError] = StatusCodes.Status500InternalServerError,
        [ErrorCodes.ProviderError] = StatusCodes.Status502BadGateway,
    };

    private static readonly Dictionary<int, (string Code, string Message)> ByStatus = new()
    {
        [StatusCodes.Status400BadRequest] = (ErrorCodes.ValidationError, "The request is not valid."),
        [StatusCodes.Status401Unauthorized] = (ErrorCodes.Unauthenticated, "Sign in to continue: this route needs a Bearer token."),
        [StatusCodes.Status403Forbidden] = (ErrorCodes.Forbidden, "You do not have access to this resource."),
        [StatusCodes.Status404NotFound] = (ErrorCodes.NotFound, "The resource was not found."),
        [StatusCodes.Status405MethodNotAllowed] = (ErrorCodes.MethodNotAllowed, "This method is not allowed on this route."),
        // The server's own minimum body data rate (Kestrel) ends a body that arrives too slowly with a bare 408.
        [StatusCodes.Status408RequestTimeout] = (ErrorCodes.RequestTimeout, "The request body arrived too slowly. Send it again over a faster connection."),
        [StatusCodes.Status413PayloadTooLarge] = (ErrorCodes.PayloadTooLarge, "The request body is too large for this route."),
        [StatusCodes.Status415UnsupportedMediaType] = (ErrorCodes.UnsupportedMediaType, "This content type is not supported on this route."),
        [StatusCodes.Status429TooManyRequests] = (ErrorCodes.RateLimited, "Too many requests. Retry later."),
        [StatusCodes.Status500InternalServerError] = (ErrorCodes.InternalError, "Something went wrong on our side. Quote the traceId if you contact support."),
    };

    /// <summary>
    /// Titles for codes whose status alone would mislead: a suspended organization's 403 is not a missing permission.
    /// Other codes keep the status's standard title.
    /// </summary>
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        [ErrorCodes.OrganizationSuspended] = "Organization suspended",
    };

    public static string? TitleFor(string code) => Titles.GetValueOrDefault(code);

    public static int For(string code) => ByCode.GetValueOrDefault(code, StatusCodes.Status400BadRequest);

    /// <summary>Whether the code is one of the contract's; the OpenAPI document refuses any other.</summary>
    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    /// <summary>The code and message for a bare status the framework produced (404 route, 405, 415...).</summary>
    public static (string Code, string Message) Default(int status) =>
        ByStatus.TryGetValue(status, out var known)
            ? known
            : status >= 500 ? ByStatus[StatusCodes.Status500InternalServerError] : (ErrorCodes.ValidationError, "The request could not be processed.");
}
