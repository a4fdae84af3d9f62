using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CXGear.Api.Tests.DataTables;

/// <summary>
/// A <c>text/csv</c> body sent as a client on a slow link would: <see cref="Head"/> at once, then nothing until the test
/// opens the gate (<see cref="Release"/>), then the tail. Chunked, so the server cannot know the length up front.
/// </summary>
/// <remarks>
/// <see cref="Consumed"/> completes once the server has read most of the head. The test host hands the body over through
/// a pipe that stops a writer about 64 KiB ahead of its reader, so a head well past that (see <see cref="MinimumHead"/>)
/// cannot all be written until the server is reading it: a write that returned means the server's read loop is running.
/// </remarks>
internal sealed class HeldCsvContent : HttpContent
{
    /// <summary>Four times the test host's pipe window; a shorter head would not prove the server is reading.</summary>
    public const int MinimumHead = 256 * 1024;

    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly TaskCompletionSource _consumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldCsvContent(string head, string tail)
    {
        _head = Encoding.UTF8.GetBytes(head);
        _tail = Encoding.UTF8.GetBytes(tail);
        if (_head.Length < MinimumHead)
        {
            throw new ArgumentException($"The head must be at least {MinimumHead} bytes.", nameof(head));
        }

        Headers.ContentType = new MediaTypeHeaderValue("text/csv");
    }

    public string Head => Encoding.UTF8.GetString(_head);

    /// <summary>The server is reading the body: all but the last pipe window of the head has been taken.</summary>
    public Task Consumed => _consumed.Task;

    public void Release() => _gate.TrySetResult();

    /// <summary>Ends the body without its tail (the client went away), so a test never leaves a writer parked.</summary>
    public void Abandon() => _gate.TrySetCanceled();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_head);
        await stream.FlushAsync();
        _consumed.TrySetResult();
        await _gate.Task;
        await stream.WriteAsync(_tail);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
