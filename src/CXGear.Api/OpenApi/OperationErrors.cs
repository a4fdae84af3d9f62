using CXGear.Api.Authentication;
using CXGear.Api.Errors;
using CXGear.Domain.Common;

namespace CXGear.Api.OpenApi;

/// <summary>What the document knows about an operation that decides which errors it can answer.</summary>
/// <param name="Path">The route template, e.g. <c>/api/v1/projects/{id}</c>.</param>
/// <param name="Credential">The <see cref="AuthSchemes"/> scheme the route takes, or null when it is anonymous.</param>
/// <param name="HasBody">It reads a request body.</param>
/// <param name="HasQueryOrHeaders">It binds query or header parameters (which can fail validation).</param>
/// <param name="HasIdInPath">A path parameter names a resource (a GUID), which may not exist in the caller's organization.</param>
/// <param name="Idempotent">It honours <c>Idempotency-Key</c>.</param>
/// <param name="Declared">The codes of its <see cref="ProducesErrorsAttribute"/>s.</param>
internal sealed record OperationFacts(
    string Path,
    string? Credential,
    bool HasBody,
    bool HasQueryOrHeaders,
    bool HasIdInPath,
    bool Idempotent,
    IReadOnlyCollection<string> Declared);

/// <summary>
/// The error codes an operation can answer, by HTTP status: those its attributes declare, plus those every route of its
/// kind answers, from the same rules the server runs (the authentication handlers, model binding, the idempotency
/// filter, the rate limiter, the exception handler). Keeping the cross-cutting ones here means a new action only
/// declares what its own handler adds.
/// </summary>
internal static class OperationErrors
{
    private static readonly string[] JwtFailures =
    [
        ErrorCodes.Unauthenticated, ErrorCodes.TokenInvalid, ErrorCodes.TokenExpired,
        ErrorCodes.SessionExpired, ErrorCodes.SessionRevoked, ErrorCodes.SessionReplaced,
    ];

    public static SortedDictionary<int, IReadOnlyList<string>> For(OperationFacts facts)
    {
        var codes = new HashSet<string>(facts.Declared, StringComparer.Ordinal) { ErrorCodes.InternalError };
        switch (facts.Credential)
        {
            case AuthSchemes.Jwt:
                // A cxg_ credential goes to the API-key handler on any route: a bad key is INVALID_API_KEY, and a good
                // one is refused by name, since every user route's message requires a signed-in person.
                codes.UnionWith(JwtFailures);
                codes.UnionWith([ErrorCodes.InvalidApiKey, ErrorCodes.ApiKeyNotAllowed]);

                // Operators belong to the platform organization, which cannot be suspended.
                if (!facts.Path.StartsWith("/api/v1/admin", StringComparison.OrdinalIgnoreCase))
                {
                    codes.Add(ErrorCodes.OrganizationSuspended);
                }

                break;
            case AuthSchemes.ApiKey:
                // No Authorization header at all is INVALID_API_KEY too (the product's "401 Invalid API key").
                codes.UnionWith([ErrorCodes.InvalidApiKey, ErrorCodes.KeyMissingScope, ErrorCodes.OrganizationSuspended]);
                break;
            case AuthSchemes.IngestToken:
                codes.UnionWith([ErrorCodes.InvalidIngestToken, ErrorCodes.OrganizationSuspended]);
                break;
        }

        if (facts.HasBody)
        {
            // A body that arrives too slowly is cut off: the server's minimum data rate on any body, and a CSV upload's deadline.
            codes.UnionWith([ErrorCodes.ValidationError, ErrorCodes.RequestTimeout, ErrorCodes.PayloadTooLarge, ErrorCodes.UnsupportedMediaType]);
        }

        if (facts.HasQueryOrHeaders)
        {
            codes.Add(ErrorCodes.ValidationError);
        }

        if (facts.HasIdInPath)
        {
            codes.Add(ErrorCodes.NotFound);
        }

        if (facts.Idempotent)
        {
            codes.UnionWith([ErrorCodes.ValidationError, ErrorCodes.IdempotencyInProgress, ErrorCodes.IdempotencyKeyReused]);
        }

        if (facts.Path.StartsWith("/api/v1/", StringComparison.OrdinalIgnoreCase))
        {
            codes.Add(ErrorCodes.RateLimited);
        }

        var unknown = codes.Where(c => !ErrorStatus.IsKnown(c)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"{facts.Path}: [ProducesErrors] names codes that are not the contract's: {string.Join(", ", unknown)}.");
        }

        var byStatus = new SortedDictionary<int, IReadOnlyList<string>>();
        foreach (var group in codes.GroupBy(ErrorStatus.For))
        {
            byStatus[group.Key] = [.. group.OrderBy(ErrorDescriptions.Rank)];
        }

        return byStatus;
    }
}
