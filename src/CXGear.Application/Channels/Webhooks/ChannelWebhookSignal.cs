namespace CXGear.Application.Channels.Webhooks;

/// <summary>
/// Wakes this process's webhook applier when a delivery has just been stored here, so events are applied at once
/// rather than at the next poll. Raised after the delivery's transaction committed; other instances find it by polling.
/// </summary>
public sealed class ChannelWebhookSignal
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
            // Already signalled and not yet consumed.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}
