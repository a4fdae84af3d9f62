using System.Buffers;
using System.Globalization;
using CXGear.Api.Http;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Common;

namespace CXGear.Api.DataTables;

/// <summary>
/// An upload received into a temporary file before the command's unit of work (docs/decisions/0024-upload-spool.md):
/// a client's pace then costs a connection and a file, never SQLite's write turn. The body is copied in 64 KiB steps,
/// so memory stays flat whatever its size; past <c>maxBytes</c> it is 413, still arriving after <c>deadline</c> 408. The
/// file is opened with <see cref="FileOptions.DeleteOnClose"/> and closed at once on a failure, or when the request
/// disposes the upload, so none is left behind whatever the outcome.
/// </summary>
public sealed class SpooledUpload(Func<CancellationToken, Task<Stream>> openBody, long maxBytes, string directory, TimeSpan deadline, TimeProvider clock)
    : IUpload, IAsyncDisposable
{
    /// <summary>Spool files are named so; nothing else in the directory is ours.</summary>
    public const string FilePrefix = "cxgear-upload-";

    private const int BufferSize = 64 * 1024;

    private FileStream? _file;
    private bool _received;

    public async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_received || _file is not null)
        {
            throw new InvalidOperationException("An upload is received once.");
        }

        // The deadline runs on the injected clock, so tests move it; it starts before the first read, so it bounds them all.
        using var timeout = new CancellationTokenSource(deadline, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        Directory.CreateDirectory(directory);
        _file = new FileStream(
            Path.Combine(directory, FilePrefix + Guid.NewGuid().ToString("N") + ".csv"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            BufferSize,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            Stream body;
            try
            {
                body = await openBody(linked.Token);
            }
            catch (Exception error) when (BodyFault(error) is { } fault)
            {
                throw fault;
            }

            await CopyAsync(body, _file, linked.Token);
            await _file.FlushAsync(linked.Token);
            _received = true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await DisposeAsync();
            throw TimedOut();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Stream OpenRead()
    {
        if (!_received || _file is null)
        {
            throw new InvalidOperationException("The upload has not been received.");
        }

        _file.Position = 0;
        return _file;
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is { } file)
        {
            _file = null;
            _received = false;
            await file.DisposeAsync();
        }
    }

    private async Task CopyAsync(Stream body, FileStream file, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken);
                }
                catch (Exception error) when (BodyFault(error) is { } fault)
                {
                    throw fault;
                }

                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > maxBytes)
                {
                    // The server's own limit cuts a text/csv body at the same size; a multipart part is counted only here.
                    throw BodyLimitAttribute.Exceeded(maxBytes);
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// A read of the body that failed through the client's doing is a 400, not a 500: the multipart reader's words for a
    /// body that breaks the format (<see cref="InvalidDataException"/>) or ends before its closing boundary (an
    /// <see cref="IOException"/>, as does a client that went away). The server's own refusals keep their status
    /// (<see cref="BadHttpRequestException"/>: 413 over its limit, 408 below its data rate), and a failure to write the
    /// spool file (a full disk) is not a read and stays a 500.
    /// </summary>
    private static CXGearException? BodyFault(Exception error) => error switch
    {
        InvalidDataException => CsvUpload.Invalid("The multipart body is malformed."),
        BadHttpRequestException => null,
        IOException => CsvUpload.Invalid("The body ended before the upload was complete."),
        _ => null,
    };

    private CXGearException TimedOut() =>
        new(
            ErrorCodes.RequestTimeout,
            string.Create(
                CultureInfo.InvariantCulture,
                $"The upload did not arrive within {deadline.TotalSeconds:0} seconds, and nothing of it was kept. Send it again over a faster connection, or split the file and append the parts."));
}
