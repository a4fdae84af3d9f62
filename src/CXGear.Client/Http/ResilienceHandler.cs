using System.Net;
using System.Text.Json;

namespace CXGear.Client.Http;

/// <summary>
/// Retries a request while the server says "later" and gives every attempt of one logical request the same
/// <c>Idempotency-Key</c>, so a resend the server already executed is replayed instead of done twice (docs/api.md#idempotency-key).
/// <list type="bullet">
/// <item>429 and 503 are retried for any request: the server did not do the work. <c>Retry-After</c> (seconds or a
/// date) is honoured plus a little jitter, so clients that were told the same instant do not return together; without
/// it, exponential backoff with jitter.</item>
/// <item>409 <c>IDEMPOTENCY_IN_PROGRESS</c>, 502, 504, transport failures and attempt timeouts are retried only when a
/// resend is safe: a GET/HEAD, or a request whose caller set the <c>Idempotency-Key</c> (a key this handler adds
/// itself proves nothing, since most routes ignore the header).</item>
/// <item>Attempts are bounded by <see cref="RetryOptions.MaxAttempts"/>; then the last response goes back as it is.</item>
/// </list>
/// </summary>
public sealed class ResilienceHandler : DelegatingHandler
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";

    private readonly RetryOptions _options;

    public ResilienceHandler(RetryOptions options, HttpMessageHandler innerHandler)
        : base(innerHandler) => _options = options;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var callerKey = request.Headers.Contains(IdempotencyKeyHeader);
        if (!callerKey && _options.AddIdempotencyKeys && request.Method == HttpMethod.Post)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, Guid.NewGuid().ToString("N"));
        }

        var safeToResend = callerKey || request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;
        if (request.Content is not null and not ByteArrayContent and not ReadOnlyMemoryContent)
        {
            // Every attempt sends the same bytes: a stream is buffered so it can be read again. In-memory content (what
            // the generated clients send) already can, and copying a large ingest body would only double its memory.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            var capture = ResponseCapture.Current;
            capture?.Attempts = attempt;
            HttpResponseMessage response;
            try
            {
                response = await SendOnceAsync(request, cancellationToken);
            }
            catch (Exception error) when (IsTransient(error, cancellationToken) && safeToResend && attempt < _options.MaxAttempts)
            {
                await _options.Delay(Backoff(attempt), cancellationToken);
                continue;
            }

            capture?.Replayed = response.Headers.TryGetValues(ReplayedHeader, out var replayed) && replayed.Contains("true");
            if (attempt >= _options.MaxAttempts || await WaitBeforeRetryAsync(response, attempt, safeToResend, cancellationToken) is not { } delay)
            {
                return response;
            }

            response.Dispose();
            await _options.Delay(delay, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.AttemptTimeout);
        try
        {
            return await base.SendAsync(request, attempt.Token);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No response within {_options.AttemptTimeout.TotalSeconds:0} s.", error);
        }
    }

    private static bool IsTransient(Exception error, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && error is HttpRequestException or TimeoutException;

    /// <summary>How long to wait before the next attempt, or null when this response is final.</summary>
    private async Task<TimeSpan?> WaitBeforeRetryAsync(HttpResponseMessage response, int attempt, bool safeToResend, CancellationToken cancellationToken)
    {
        var retryable = response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => true,
            HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout => safeToResend,
            HttpStatusCode.Conflict => safeToResend && await IsInProgressAsync(response, cancellationToken),
            _ => false,
        };
        if (!retryable)
        {
            return null;
        }

        if (RetryAfter(response) is not { } told)
        {
            return Backoff(attempt);
        }

        if (told > _options.MaxRetryAfter)
        {
            return null;
        }

        // Up to a second (or a tenth of a short wait) on top, never earlier than the server asked.
        return told + TimeSpan.FromMilliseconds(_options.Random() * Math.Min(1000, Math.Max(50, told.TotalMilliseconds / 10)));
    }

    /// <summary>Exponential from <see cref="RetryOptions.BaseDelay"/>, capped, with "equal jitter" (half fixed, half random).</summary>
    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(_options.MaxDelay.TotalMilliseconds, _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (_options.Random() * ceiling / 2));
    }

    /// <summary>The server's <c>Retry-After</c>, as seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<bool> IsInProgressAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Buffered, so whoever receives the response (if it is final after all) can still read the body.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        try
        {
            // A copy of the buffer: reading the content's stream here would leave it at its end for the caller.
            using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("errorCode", out var code)
                && code.ValueKind == JsonValueKind.String
                && code.GetString() == "IDEMPOTENCY_IN_PROGRESS";
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
