namespace CXGear.Client;

/// <summary>
/// The API answered with an error. Branch on <see cref="ErrorCode"/> (stable, e.g. <c>KEY_MISSING_SCOPE</c>), never on
/// the message. <see cref="Problem"/> holds the whole body; <see cref="RetryAfter"/> is set on 429/423/503.
/// </summary>
public sealed class CXGearApiException : Exception
{
    public CXGearApiException(int statusCode, ApiProblem? problem, TimeSpan? retryAfter, Exception? innerException = null)
        : base(Describe(statusCode, problem), innerException)
    {
        StatusCode = statusCode;
        Problem = problem;
        RetryAfter = retryAfter;
    }

    public int StatusCode { get; }

    /// <summary>The API's <c>errorCode</c>; <c>HTTP_&lt;status&gt;</c> when the body had none (not the API answering).</summary>
    public string ErrorCode => Problem?.ErrorCode ?? $"HTTP_{StatusCode}";

    public ApiProblem? Problem { get; }

    /// <summary>Validation errors by field path (<c>records[3].phone</c>); empty for other errors.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => Problem?.Errors ?? new Dictionary<string, string[]>();

    public TimeSpan? RetryAfter { get; }

    private static string Describe(int statusCode, ApiProblem? problem) =>
        $"{problem?.ErrorCode ?? $"HTTP_{statusCode}"} ({statusCode}): {problem?.Detail ?? problem?.Title ?? "the server gave no details."}";
}
