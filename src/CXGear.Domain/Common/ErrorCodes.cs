namespace CXGear.Domain.Common;

/// <summary>The API's error codes (docs/api.md#error-codes). Clients branch on these, so they never change.</summary>
public static class ErrorCodes
{
    public const string ValidationError = "VALIDATION_ERROR";
    public const string SchemaMismatch = "SCHEMA_MISMATCH";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string TokenInvalid = "TOKEN_INVALID";
    public const string TokenExpired = "TOKEN_EXPIRED";
    public const string SessionExpired = "SESSION_EXPIRED";
    public const string SessionRevoked = "SESSION_REVOKED";
    public const string SessionReplaced = "SESSION_REPLACED";
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string InvalidIngestToken = "INVALID_INGEST_TOKEN";
    public const string KeyMissingScope = "KEY_MISSING_SCOPE";
    public const string ApiKeyNotAllowed = "API_KEY_NOT_ALLOWED";
    public const string Forbidden = "FORBIDDEN";
    public const string PlanLimit = "PLAN_LIMIT";
    public const string OrganizationSuspended = "ORGANIZATION_SUSPENDED";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string RequestTimeout = "REQUEST_TIMEOUT";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string SessionConflict = "SESSION_CONFLICT";
    public const string InvalidResetToken = "INVALID_RESET_TOKEN";
    public const string EmailTaken = "EMAIL_TAKEN";
    public const string SpinnerNotPublished = "SPINNER_NOT_PUBLISHED";
    public const string Conflict = "CONFLICT";
    public const string IdempotencyInProgress = "IDEMPOTENCY_IN_PROGRESS";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string AccountLocked = "ACCOUNT_LOCKED";
    public const string RateLimited = "RATE_LIMITED";
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>A payment provider refused or did not answer a request made for the caller (502).</summary>
    public const string ProviderError = "PROVIDER_ERROR";
}
