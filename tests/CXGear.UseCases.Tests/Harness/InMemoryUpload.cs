using System.Text;
using CXGear.Application.Common.Abstractions;

namespace CXGear.UseCases.Tests.Harness;

/// <summary>
/// An upload already in memory, for use cases sent without HTTP. <paramref name="onReceive"/> runs where the pipeline
/// receives it, so a test can look at what is held at that moment.
/// </summary>
public sealed class InMemoryUpload(string csv, Func<Task>? onReceive = null) : IUpload
{
    private readonly MemoryStream _stream = new(Encoding.UTF8.GetBytes(csv));

    public bool Received { get; private set; }

    public async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        if (onReceive is not null)
        {
            await onReceive();
        }

        Received = true;
    }

    public Stream OpenRead()
    {
        if (!Received)
        {
            throw new InvalidOperationException("The handler read the upload before the pipeline received it.");
        }

        _stream.Position = 0;
        return _stream;
    }
}
