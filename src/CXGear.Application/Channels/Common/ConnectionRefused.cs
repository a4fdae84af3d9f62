using CXGear.Domain.Common;

namespace CXGear.Application.Channels.Common;

/// <summary>
/// Why a connection callback did not connect anything. The callback answers the browser with a redirect, never a
/// problem body, so each refusal carries the <c>reason</c> the web app shows (an upper snake code, like error codes).
/// </summary>
public static class ConnectionRefused
{
    public const string ReasonKey = "reason";

    public const string AccessDenied = "ACCESS_DENIED";
    public const string StateUnknown = "STATE_UNKNOWN";
    public const string StateUsed = "STATE_USED";
    public const string StateExpired = "STATE_EXPIRED";
    public const string StateMismatch = "STATE_MISMATCH";
    public const string ProviderError = "PROVIDER_ERROR";
    public const string NoPhoneNumbers = "NO_PHONE_NUMBERS";
    public const string PhoneNumberInUse = "PHONE_NUMBER_IN_USE";

    public static CXGearException Error(string reason, string message)
    {
        var error = new CXGearException(ErrorCodes.Conflict, message);
        error.Extensions[ReasonKey] = reason;
        return error;
    }

    /// <summary>The reason a failed callback reports: its own, else the error code (<c>PLAN_LIMIT</c>, <c>CONFLICT</c>…).</summary>
    public static string ReasonOf(CXGearException error) =>
        error.Extensions.TryGetValue(ReasonKey, out var reason) && reason is string text ? text : error.Code;
}
