namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// A file the client sends as the request body, at its own pace (a CSV import or append). The pipeline receives it
/// whole into local storage before the command's unit of work begins (<see cref="Messaging.IReceivesUpload"/>), so a
/// slow or stalled client never holds SQLite's write turn; the handler then reads it at disk speed. The Api implements
/// it over the request body (docs/decisions/0024-upload-spool.md).
/// </summary>
public interface IUpload
{
    /// <summary>
    /// Receives the whole body. Past the route's size cap it is 413 PAYLOAD_TOO_LARGE, still arriving at the upload
    /// deadline 408 REQUEST_TIMEOUT; either way nothing received is kept.
    /// </summary>
    Task ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>The received file from its start, once <see cref="ReceiveAsync"/> has finished. The upload owns the stream.</summary>
    Stream OpenRead();
}
