namespace CXGear.Client.Http;

/// <summary>How <see cref="ResilienceHandler"/> retries. The defaults suit an interactive tool and a batch job alike.</summary>
public sealed record RetryOptions
{
    /// <summary>Attempts per logical request, the first included; 1 turns retries off.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>First backoff when the server gives no <c>Retry-After</c>; doubles per attempt.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cap on a backoff computed without <c>Retry-After</c>.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A <c>Retry-After</c> longer than this is not waited out: the response goes back to the caller.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Time limit of one attempt (the whole request has none, since waits between attempts may be long).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Adds a fresh <c>Idempotency-Key</c> to a POST that has none, so all attempts of it carry the same key.</summary>
    public bool AddIdempotencyKeys { get; init; } = true;

    /// <summary>Waits between attempts; tests replace it to run without sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>Jitter source in [0, 1); tests pin it.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;
}
