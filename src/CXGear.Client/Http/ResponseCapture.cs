namespace CXGear.Client.Http;

/// <summary>
/// What <see cref="ResilienceHandler"/> saw of the last response of a call: how many attempts it took and whether the
/// server replayed a stored answer (<c>Idempotency-Replayed: true</c>). The generated clients return bodies only, so
/// the facade opens a capture around a call (it flows down the async call into the handler) and reads it after.
/// </summary>
public sealed class ResponseCapture : IDisposable
{
    private static readonly AsyncLocal<ResponseCapture?> CurrentCapture = new();

    private readonly ResponseCapture? _outer;

    private ResponseCapture()
    {
        _outer = CurrentCapture.Value;
        CurrentCapture.Value = this;
    }

    public int Attempts { get; internal set; }

    public bool Replayed { get; internal set; }

    internal static ResponseCapture? Current => CurrentCapture.Value;

    public static ResponseCapture Begin() => new();

    public void Dispose() => CurrentCapture.Value = _outer;
}
