using System.Diagnostics;
using System.Threading.Channels;
using CXGear.Cli.Output;
using CXGear.Client;
using CXGear.Csv;

namespace CXGear.Cli.Ingest;

/// <summary>
/// <c>cxgear ingest</c>: check the file against the table, then stream it in batches to <c>POST /public/ingest</c>,
/// several at once, each under a key derived from its place in the file, moving a checkpoint over every gap-free run of
/// acknowledged batches. A crash loses nothing and duplicates nothing: <c>--resume</c> starts after the checkpoint and
/// resends the batches that were in flight under their old keys, which the API replays if it had applied them.
/// </summary>
internal sealed class IngestRunner(CXGearClient client, TextWriter output, TextWriter errors)
{
    private const int MaxListedRejections = 20;

    public async Task<int> RunAsync(IngestOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.FilePath))
        {
            return Fail($"No such file: {options.FilePath}");
        }

        var file = FileIdentity.Of(options.FilePath);
        var previous = Checkpoint.Load(options.CheckpointPath);
        if (Refusal(previous, options, file) is { } refusal)
        {
            return Fail(refusal);
        }

        if (previous is { Completed: true })
        {
            await output.WriteLineAsync($"Nothing to do: {options.FilePath} was fully ingested into table {options.TableId} ({previous.RowsAcknowledged:N0} rows, {previous.UpdatedAt:u}).");
            return ExitCodes.Ok;
        }

        if (options.Resume && previous is null)
        {
            await output.WriteLineAsync($"No checkpoint at {options.CheckpointPath}: starting from the first row.");
        }

        var schema = await client.GetTableSchemaAsync(options.TableId, cancellationToken);
        var scan = await Task.Run(() => FileScan.Run(options.FilePath, cancellationToken), cancellationToken);
        if (HeaderCheck.Problem(scan.Header, schema.Columns, schema.Name) is { } mismatch)
        {
            return Reject(mismatch + " Nothing was sent.");
        }

        if (scan.Problems.Count > 0)
        {
            return Reject($"{scan.ProblemLines:N0} line(s) of {options.FilePath} cannot be ingested; nothing was sent:", scan.Problems);
        }

        var batchSize = options.BatchSize ?? previous?.BatchSize ?? IngestOptions.DefaultBatchSize;
        var start = previous ?? new Checkpoint(Checkpoint.CurrentVersion, options.TableId, file, batchSize, 0, 1, scan.Records, false, DateTimeOffset.UtcNow);
        var send = new SendPass(client, options, new CsvHeader(scan.Header), file, batchSize, start);
        var clock = Stopwatch.StartNew();
        var progress = ProgressView.For($"ingest {Path.GetFileName(options.FilePath)}", "rows");
        var outcome = await progress.ShowAsync(send.RunAsync(cancellationToken), () => (send.RowsDone, scan.Records));
        return await ReportAsync(outcome, send, schema.Name, scan.Records, start.RowsAcknowledged, clock.Elapsed, options, cancellationToken);
    }

    /// <summary>Why a checkpoint (or its absence) forbids this run, or null.</summary>
    private static string? Refusal(Checkpoint? previous, IngestOptions options, FileIdentity file)
    {
        if (previous is null)
        {
            return null;
        }

        if (!options.Resume)
        {
            return previous.Completed
                ? $"{options.FilePath} was already ingested into table {previous.TableId} ({previous.RowsAcknowledged:N0} rows, {previous.UpdatedAt:u}); delete {options.CheckpointPath} to ingest it again."
                : $"An earlier run left a checkpoint ({options.CheckpointPath}: {previous.RowsAcknowledged:N0} rows acknowledged). Run again with --resume to continue it, or delete it to start over.";
        }

        if (previous.TableId != options.TableId)
        {
            return $"The checkpoint {options.CheckpointPath} is for table {previous.TableId}, not {options.TableId}.";
        }

        if (previous.File != file)
        {
            return $"{options.FilePath} changed since the checkpoint was written (size or first bytes differ); resuming could skip or repeat rows. Delete {options.CheckpointPath} to start over.";
        }

        return options.BatchSize is { } batch && batch != previous.BatchSize
            ? $"The checkpoint was written with --batch {previous.BatchSize}; resume with the same batch size (or leave --batch out), so resent batches match their first sending."
            : null;
    }

    private async Task<int> ReportAsync(SendOutcome outcome, SendPass send, string tableName, long total, long rowsAtStart, TimeSpan elapsed, IngestOptions options, CancellationToken cancellationToken)
    {
        var sent = send.RowsDone - rowsAtStart;
        var rate = elapsed.TotalSeconds > 0 ? sent / elapsed.TotalSeconds : 0;
        var replayed = send.ReplayedBatches > 0 ? $"; {send.ReplayedBatches:N0} batch(es) had been applied before and were replayed, not inserted again" : "";
        switch (outcome)
        {
            case SendOutcome.Done:
                var rowCount = (await client.GetTableSchemaAsync(options.TableId, cancellationToken)).RowCount;
                await output.WriteLineAsync($"Ingested {total:N0} rows of {Path.GetFileName(options.FilePath)} into '{tableName}' ({sent:N0} sent in this run, {elapsed.TotalSeconds:0.0} s, {rate:N0} rows/s){replayed}. The table has {rowCount:N0} rows.");
                return ExitCodes.Ok;
            case SendOutcome.Interrupted:
                await errors.WriteLineAsync($"Interrupted after {send.RowsAcknowledged:N0} acknowledged rows; run the same command with --resume to continue.");
                return ExitCodes.Interrupted;
            case SendOutcome.Rejected rejected:
                return Reject(rejected.Message + $" Rows up to line {send.AcknowledgedThroughLine:N0} are stored (checkpoint {options.CheckpointPath}).", rejected.Lines);
            case SendOutcome.Failed failed:
                return Fail($"{failed.Message} {send.RowsAcknowledged:N0} rows are acknowledged; run the same command with --resume to continue.");
            default:
                throw new UnreachableException();
        }
    }

    private int Fail(string message)
    {
        errors.WriteLine($"error: {message}");
        return ExitCodes.Failed;
    }

    private int Reject(string message, IReadOnlyList<string>? lines = null)
    {
        errors.WriteLine($"error: {message}");
        foreach (var line in (lines ?? []).Take(MaxListedRejections))
        {
            errors.WriteLine($"  {line}");
        }

        return ExitCodes.DataRejected;
    }

    /// <summary>How a send pass ended.</summary>
    internal abstract record SendOutcome
    {
        public sealed record Done : SendOutcome;

        public sealed record Interrupted : SendOutcome;

        /// <summary>The API refused a batch's data; <see cref="Lines"/> names the CSV lines.</summary>
        public sealed record Rejected(string Message, IReadOnlyList<string> Lines) : SendOutcome;

        public sealed record Failed(string Message) : SendOutcome;
    }

    /// <summary>The second pass: reader → bounded channel → concurrent senders → acknowledgement tracker → checkpoint.</summary>
    private sealed class SendPass(CXGearClient client, IngestOptions options, CsvHeader header, FileIdentity file, int batchSize, Checkpoint start)
    {
        private readonly AckTracker _acks = new(0, start.RowsAcknowledged, start.AcknowledgedThroughLine);
        private long _rowsDone = start.RowsAcknowledged;
        private int _replayed;
        private SendOutcome? _failure;

        public long RowsDone => Interlocked.Read(ref _rowsDone);

        public int ReplayedBatches => _replayed;

        public long RowsAcknowledged => _acks.Snapshot().Rows;

        public long AcknowledgedThroughLine => _acks.Snapshot().ThroughLine;

        public async Task<SendOutcome> RunAsync(CancellationToken cancellationToken)
        {
            await using (var checkpoint = new CheckpointWriter(options.CheckpointPath, () => Current(completed: false)))
            {
                checkpoint.MarkDirty();
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var batches = Channel.CreateBounded<CsvBatch>(new BoundedChannelOptions(options.Concurrency) { SingleWriter = true });
                var reader = Task.Run(() => ProduceAsync(batches.Writer, stop.Token), CancellationToken.None);
                var senders = Enumerable.Range(0, options.Concurrency)
                    .Select(_ => Task.Run(() => SendAsync(batches.Reader, checkpoint, stop, cancellationToken), CancellationToken.None))
                    .ToArray();
                await Task.WhenAll(senders);
                await stop.CancelAsync();
                await reader;
            }

            if (_failure is not null)
            {
                return _failure;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return new SendOutcome.Interrupted();
            }

            Current(completed: true).Save(options.CheckpointPath);
            return new SendOutcome.Done();
        }

        private Checkpoint Current(bool completed)
        {
            var (rows, through) = _acks.Snapshot();
            return start with { RowsAcknowledged = rows, AcknowledgedThroughLine = through, Completed = completed, UpdatedAt = DateTimeOffset.UtcNow };
        }

        /// <summary>Reads the file again, skips what the checkpoint covers, cuts batches in the same places as any earlier run.</summary>
        private async Task ProduceAsync(ChannelWriter<CsvBatch> writer, CancellationToken stop)
        {
            try
            {
                using var stream = CsvFiles.OpenRead(options.FilePath);
                using var csv = CsvRecordReader.Open(stream);
                csv.Read();
                long skipped = 0;
                long sequence = 0;
                var records = new List<string[]>(batchSize);
                var lines = new List<long>(batchSize);
                while (csv.Read() is { } record)
                {
                    if (csv.RecordLine <= start.AcknowledgedThroughLine)
                    {
                        skipped++;
                        continue;
                    }

                    records.Add(record);
                    lines.Add(csv.RecordLine);
                    if (records.Count == batchSize)
                    {
                        await writer.WriteAsync(new CsvBatch(sequence++, header, records, lines, stream.Position), stop);
                        records = new List<string[]>(batchSize);
                        lines = new List<long>(batchSize);
                    }
                }

                if (records.Count > 0)
                {
                    await writer.WriteAsync(new CsvBatch(sequence, header, records, lines, stream.Position), stop);
                }

                if (skipped != start.RowsAcknowledged)
                {
                    // The identity check passed, yet the rows before the checkpoint are not what it counted.
                    Fail(new SendOutcome.Failed($"The checkpoint counts {start.RowsAcknowledged:N0} rows before line {start.AcknowledgedThroughLine:N0}, the file has {skipped:N0}; delete the checkpoint and check the table."));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // A sender failed or the user pressed Ctrl+C: no more batches.
            }
            catch (CsvFormatException error)
            {
                // The first pass read the whole file cleanly, so it was changed in between.
                Fail(new SendOutcome.Failed($"{options.FilePath} changed while it was being sent ({CsvFiles.Describe(error)})."));
            }
            finally
            {
                writer.TryComplete();
            }
        }

        private async Task SendAsync(ChannelReader<CsvBatch> batches, CheckpointWriter checkpoint, CancellationTokenSource stop, CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var batch in batches.ReadAllAsync(stop.Token))
                {
                    if (await SendBatchAsync(batch, cancellationToken) is { } failure)
                    {
                        Fail(failure);
                        await stop.CancelAsync();
                        return;
                    }

                    if (_acks.Acknowledge(batch))
                    {
                        checkpoint.MarkDirty();
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped: by a failure elsewhere (recorded there) or by Ctrl+C (reported by RunAsync).
            }
        }

        /// <summary>Sends one batch; null when the API acknowledged it (inserted now or replayed), else why not.</summary>
        private async Task<SendOutcome?> SendBatchAsync(CsvBatch batch, CancellationToken cancellationToken)
        {
            try
            {
                // The caller's token, not the stop token: a batch in flight when another fails is let finish, so its rows count.
                var result = await client.IngestAsync(options.TableId, batch, BatchKeys.For(options.TableId, file, batchSize, batch.FirstLine), cancellationToken);
                if (result.Replayed)
                {
                    Interlocked.Increment(ref _replayed);
                }

                Interlocked.Add(ref _rowsDone, batch.Records.Count);
                return null;
            }
            catch (CXGearApiException error)
            {
                return Rejection.Of(error, batch);
            }
            catch (Exception error) when (error is HttpRequestException or TimeoutException)
            {
                return new SendOutcome.Failed($"The API could not be reached (batch from line {batch.FirstLine:N0}): {error.Message}");
            }
        }

        private void Fail(SendOutcome failure) => Interlocked.CompareExchange(ref _failure, failure, null);
    }
}
