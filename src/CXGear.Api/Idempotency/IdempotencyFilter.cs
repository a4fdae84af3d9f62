using System.Security.Cryptography;
using System.Text;
using CXGear.Api.Errors;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Idempotency;
using CXGear.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CXGear.Api.Idempotency;

/// <summary>
/// A resource filter: it runs after authentication and before model binding, so it can fingerprint the raw body,
/// and it wraps the action and its result, so it can capture the exact response (status, content type, body)
/// that a retry replays. Claims live in <see cref="IIdempotencyStore"/> (the database), shared by every instance.
/// Success and 4xx answers are stored and replayed; a 5xx or an unexpected exception releases the claim so that
/// the retry runs. Neither the body nor the key is ever logged.
/// </summary>
internal sealed partial class IdempotencyFilter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyFilter> logger) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(IdempotencyKeys.Header, out var values))
        {
            await next();
            return;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (!IdempotencyKeys.IsValid(key))
        {
            context.Result = Problem(http, StatusCodes.Status400BadRequest, ErrorCodes.ValidationError,
                $"The {IdempotencyKeys.Header} header must be 1–{IdempotencyKeys.MaxLength} printable ASCII characters.",
                [new("errors", new Dictionary<string, string[]> { [IdempotencyKeys.Header] = ["Use 1–255 printable ASCII characters, such as a UUID."] })]);
            return;
        }

        if (ScopeOf(http) is not { } scope)
        {
            // A credential this route does not accept (a JWT on /public): the route's own checks answer it.
            await next();
            return;
        }

        var store = http.RequestServices.GetRequiredService<IIdempotencyStore>();
        var fingerprint = await FingerprintAsync(http.Request, http.RequestAborted);
        var claim = await store.TryClaimAsync(scope, key!, fingerprint, http.RequestAborted);
        switch (claim)
        {
            case IdempotencyClaim.Completed completed:
                LogReplayed(logger, completed.Response.Status);
                context.Result = new ReplayResult(completed.Response);
                return;
            case IdempotencyClaim.InProgress:
                context.Result = Problem(http, StatusCodes.Status409Conflict, ErrorCodes.IdempotencyInProgress,
                    "A request with this Idempotency-Key is still being processed. Retry in a moment.");
                return;
            case IdempotencyClaim.Mismatch:
                context.Result = Problem(http, StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused,
                    "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
                return;
            case IdempotencyClaim.Acquired acquired:
                await ExecuteAsync(context, next, store, acquired);
                return;
        }
    }

    private async Task ExecuteAsync(ResourceExecutingContext context, ResourceExecutionDelegate next, IIdempotencyStore store, IdempotencyClaim.Acquired claim)
    {
        var http = context.HttpContext;
        var original = http.Response.Body;
        var aborted = http.RequestAborted;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        StoredResponse? response = null;
        try
        {
            // Once claimed, the work runs to its end even if the client goes away: its retry must find the whole
            // answer. With the client's token, a write committed just before the disconnect would leave MVC's JSON
            // formatter to swallow the cancellation and store an empty body (a 200 a retry could not read).
            http.RequestAborted = CancellationToken.None;
            var executed = await RunHoldingClaimAsync(next, claim);
            if (executed.Exception is { } error && !executed.ExceptionHandled)
            {
                if (error is not CXGearException known || ErrorStatus.For(known.Code) >= StatusCodes.Status500InternalServerError)
                {
                    // Unexpected: the work may not have happened. Forget the claim and let the exception handler answer.
                    await store.ReleaseAsync(claim, CancellationToken.None);
                    return;
                }

                // A client error: written here, exactly as the exception handler would, so it can be stored.
                await Problems.WriteAsync(http, known);
                executed.ExceptionHandled = true;
            }

            response = new StoredResponse(http.Response.StatusCode, http.Response.ContentType, buffer.ToArray());
        }
        catch
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }
        finally
        {
            http.Response.Body = original;
            http.RequestAborted = aborted;
        }

        if (response.Status >= StatusCodes.Status500InternalServerError)
        {
            await store.ReleaseAsync(claim, CancellationToken.None);
        }
        else
        {
            // Stored even when the client has gone away: its retry must get this answer, not a second execution.
            await store.CompleteAsync(claim, response, CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }

    /// <summary>Runs the action while the claim's lease is renewed in the background, however long it takes.</summary>
    private async Task<ResourceExecutedContext> RunHoldingClaimAsync(ResourceExecutionDelegate next, IdempotencyClaim.Acquired claim)
    {
        using var stop = new CancellationTokenSource();
        var renewal = IdempotencyLeaseRenewal.RunAsync(scopes, clock, claim, logger, stop.Token);
        try
        {
            return await next();
        }
        finally
        {
            await stop.CancelAsync();
            await renewal;
        }
    }

    private static string? ScopeOf(HttpContext http)
    {
        if (http.Features.Get<IdempotencyScopeFeature>() is { } feature)
        {
            return feature.Scope;
        }

        var principal = http.RequestServices.GetRequiredService<ICurrentPrincipal>();
        return principal is { Kind: CredentialKind.ApiKey, ApiKeyId: { } keyId } ? IdempotencyKeys.ApiKeyScope(keyId) : null;
    }

    /// <summary>SHA-256 over method, path, query and body; the body is buffered so model binding reads it again.</summary>
    private static async Task<byte[]> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.PathBase}{request.Path}{request.QueryString}\n"));
        request.EnableBuffering();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private static ProblemResult Problem(HttpContext http, int status, string code, string message, IEnumerable<KeyValuePair<string, object?>>? extensions = null) =>
        new(Problems.Create(http, status, code, message, extensions));

    [LoggerMessage(Level = LogLevel.Information, Message = "Idempotency-Key replay of a {Status} response")]
    private static partial void LogReplayed(ILogger logger, int status);

    /// <summary>The first execution's answer, byte for byte, marked as a replay.</summary>
    private sealed class ReplayResult(StoredResponse response) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            http.Response.StatusCode = response.Status;
            if (response.ContentType is not null)
            {
                http.Response.ContentType = response.ContentType;
            }

            http.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
            http.Response.ContentLength = response.Body.Length;
            await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
        }
    }
}
