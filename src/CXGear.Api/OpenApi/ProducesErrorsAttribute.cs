namespace CXGear.Api.OpenApi;

/// <summary>
/// The contract error codes (<see cref="Domain.Common.ErrorCodes"/>) an action can answer beyond those the OpenAPI
/// document derives on its own (credential, body, query, id in the path, idempotency, rate limit; see
/// <see cref="OperationErrors"/>). The HTTP status of each code comes from <see cref="Errors.ErrorStatus"/>, the one
/// place codes meet statuses, so the two cannot disagree. On a controller it applies to every action.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class ProducesErrorsAttribute(params string[] codes) : Attribute
{
    public IReadOnlyList<string> Codes { get; } = codes;
}
