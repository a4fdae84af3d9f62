using System.Text.Json.Nodes;

namespace CXGear.Application.Spinners.Runtime.Functions;

/// <summary>Runs a <c>function</c> step's JavaScript in a sandbox (Infrastructure: Jint).</summary>
public interface IFunctionRunner
{
    /// <summary>Null when the code parses and defines a function <c>main</c>; otherwise what is wrong, for a 400 at save.</summary>
    string? Check(string code);

    /// <summary>
    /// Calls <c>main(params, context)</c> under the sandbox's limits and returns what it returned (an object), the
    /// lines it logged, or the error that stopped it. Never throws for the script's own faults.
    /// </summary>
    FunctionOutcome Run(string code, JsonObject parameters, FunctionContext context, CancellationToken cancellationToken);
}

/// <summary>
/// What <c>context</c> offers a function: the ids, and <paramref name="Vault"/>, which returns a secret's value or null
/// when the organization's vault does not hold the label.
/// </summary>
public sealed record FunctionContext(Guid RecordId, Guid JobId, Guid ProjectId, Guid OrganizationId, Func<string, string?> Vault);

/// <summary><paramref name="ErrorCode"/> is set when the function failed (<c>FUNCTION_ERROR</c>, <c>FUNCTION_TIMEOUT</c>, …).</summary>
public sealed record FunctionOutcome(JsonObject? Returned, IReadOnlyList<string> Logs, string? ErrorCode, string? Error)
{
    public const string ErrorCodeGeneric = "FUNCTION_ERROR";
    public const string ErrorCodeLimit = "FUNCTION_LIMIT";
    public const string ErrorCodeTimeout = "FUNCTION_TIMEOUT";

    public bool Failed => ErrorCode is not null;

    public static FunctionOutcome Fail(string code, string error, IReadOnlyList<string> logs) => new(null, logs, code, error);
}
