namespace CXGear.Application.Jobs.Runtime;

/// <summary>
/// Wakes this process's idle runtime loop when a job has just been queued here (run now, a trigger), so the job starts
/// at once instead of after up to <see cref="RuntimeOptions.PollIntervalMilliseconds"/>. Raised after the job's
/// transaction has committed (a wake-up before it would find nothing to claim). Other instances on the same database
/// still find the job by polling; the signal only shortens the wait in the instance that took the request.
/// </summary>
public sealed class JobSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    /// <summary>Marks that work may be waiting; several notifications before the next wait count as one.</summary>
    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled and not yet consumed: the loop will look anyway.
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}
