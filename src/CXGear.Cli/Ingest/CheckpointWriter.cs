namespace CXGear.Cli.Ingest;

/// <summary>
/// Writes the checkpoint off the send path: acknowledgements only mark it dirty, and one loop writes the latest state
/// whenever it changed. When acknowledgements come faster than a write with fsync, writes coalesce instead of queueing.
/// </summary>
internal sealed class CheckpointWriter : IAsyncDisposable
{
    private readonly string _path;
    private readonly Func<Checkpoint> _current;
    private readonly SemaphoreSlim _dirty = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CheckpointWriter(string path, Func<Checkpoint> current)
    {
        _path = path;
        _current = current;
        _loop = Task.Run(LoopAsync);
    }

    public void MarkDirty()
    {
        try
        {
            _dirty.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already marked; the next write takes the latest state anyway.
        }
    }

    /// <summary>Stops the loop and writes the final state once more.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _current().Save(_path);
        _stop.Dispose();
        _dirty.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _dirty.WaitAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _current().Save(_path);
        }
    }
}
