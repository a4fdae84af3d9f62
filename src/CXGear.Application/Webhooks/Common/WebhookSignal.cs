namespace CXGear.Application.Webhooks.Common;

/// <summary>
/// Wakes this process's idle dispatcher when an event has been written here, so it is sent at once rather than at the
/// next poll. A wake before the event's transaction commits finds nothing and the poll picks it up.
/// </summary>
public sealed class WebhookSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the dispatcher will look anyway.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}
