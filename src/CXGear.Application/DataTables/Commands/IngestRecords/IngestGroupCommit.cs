using System.Threading.Channels;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Persistence;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CXGear.Application.DataTables.Commands.IngestRecords;

/// <summary>
/// Group commit for ingest (docs/decisions/0036-ingest-group-commit.md). Requests hand over their validated, encoded
/// batches; one writer (this singleton: one per process, and a process has one database) commits every batch that
/// queued while the previous group was committing, up to <see cref="IngestGroupOptions.MaxRows"/>, in ONE transaction
/// of its own scope: each table locked once, each batch numbered after the one before it, all rows in one
/// provider-native write, each table's count saved once, one commit (one WAL fsync on SQLite). A request is answered
/// only after the commit that holds its rows. The fixed per-request cost that kept the API at ~0.3 of the engine
/// (transaction, commit, lock handoffs) is paid once per group instead.
/// </summary>
/// <remarks>
/// A batch that no longer fits its table at the group's lock (the table was deleted, or its structure replaced and
/// the records do not match the new columns) fails alone, before anything of it is written; the others commit. A
/// failure of the write itself (the database refused the group) is not any one batch's: each batch of that group is
/// retried in a group of its own, so one cannot take the others down. Once handed over, a batch commits even if its
/// request is cancelled meanwhile; it is never partly written.
/// </remarks>
public sealed partial class IngestGroupCommit : IDisposable
{
    private readonly Channel<Batch> _queue = Channel.CreateUnbounded<Batch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly IngestGroupOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<IngestGroupCommit> _logger;
    private readonly Lazy<Task> _loop;
    private int _pending;

    public IngestGroupCommit(IServiceScopeFactory scopes, IOptions<IngestGroupOptions> options, TimeProvider clock, ILogger<IngestGroupCommit> logger)
    {
        _scopes = scopes;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _loop = new Lazy<Task>(StartLoop, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Raised after a batch is handed over, with the number of batches handed over and not yet answered.</summary>
    /// <remarks>The deterministic grouping tests use it as their gate (no sleeps).</remarks>
    public event Action<int>? Queued;

    /// <summary>Batches handed over and not yet answered.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Hands the batch to the writer and completes when the commit that holds it is done. Faults with the batch's own
    /// <see cref="CXGearException"/> if it no longer fits its table. Not cancellable once called (see the remarks).
    /// </summary>
    /// <param name="dataTableId">The table, already found in the caller's organization.</param>
    /// <param name="columns">The columns <paramref name="rows"/> were encoded against.</param>
    /// <param name="rows">The encoded rows.</param>
    /// <param name="encodeFor">Checks and encodes the batch again for other columns (the table was replaced meanwhile).</param>
    public Task CommitAsync(Guid dataTableId, IReadOnlyList<string> columns, EncodedRows rows, Func<IReadOnlyList<string>, EncodedRows> encodeFor)
    {
        _ = _loop.Value;
        var batch = new Batch(dataTableId, columns, rows, encodeFor);
        var pending = Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(batch))
        {
            Interlocked.Decrement(ref _pending);
            throw new ObjectDisposedException(nameof(IngestGroupCommit), "The application is stopping.");
        }

        Queued?.Invoke(pending);
        return batch.Done.Task;
    }

    /// <summary>
    /// The host stops taking requests and lets those in flight finish (each waits for its batch) before the container
    /// disposes this; anything still queued then is given up with the process.
    /// </summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
    }

    private Task StartLoop()
    {
        // The loop outlives the request that starts it: it must not carry that request's context (its HttpContext,
        // and so its principal and tenant) into every later group.
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            var group = await TakeGroupAsync(reader);
            await CommitGroupAsync(group);
            Interlocked.Add(ref _pending, -group.Count);
        }
    }

    /// <summary>Everything queued up to <see cref="IngestGroupOptions.MaxRows"/>; then, if there is room, more that arrives within <see cref="IngestGroupOptions.MaxWait"/>.</summary>
    internal async Task<List<Batch>> TakeGroupAsync(ChannelReader<Batch> reader)
    {
        var group = new List<Batch>();
        var rows = 0;
        Drain();
        if (rows >= _options.MaxRows || _options.MaxWait <= TimeSpan.Zero)
        {
            return group;
        }

        using var waited = new CancellationTokenSource(_options.MaxWait, _clock);
        while (rows < _options.MaxRows)
        {
            try
            {
                if (!await reader.WaitToReadAsync(waited.Token))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (waited.IsCancellationRequested)
            {
                break;
            }

            Drain();
        }

        return group;

        void Drain()
        {
            while (rows < _options.MaxRows && reader.TryRead(out var batch))
            {
                group.Add(batch);
                rows += batch.Rows.Length;
            }
        }
    }

    private async Task CommitGroupAsync(List<Batch> group)
    {
        try
        {
            await WriteAsync(group);
        }
        catch (Exception error) when (group.Count > 1)
        {
            LogGroupFailed(_logger, error, group.Count);
            foreach (var batch in group)
            {
                await CommitGroupAsync([batch]);
            }

            return;
        }
        catch (Exception error)
        {
            group[0].Done.TrySetException(error);
            return;
        }

        foreach (var batch in group)
        {
            if (batch.Refusal is { } refusal)
            {
                batch.Done.TrySetException(refusal);
            }
            else
            {
                batch.Done.TrySetResult();
            }
        }
    }

    /// <summary>The group's transaction, through the unit of work like every write (write turn, IMMEDIATE on SQLite).</summary>
    private async Task WriteAsync(List<Batch> group)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var writer = scope.ServiceProvider.GetRequiredService<IIngestGroupWriter>();
        var cancellationToken = _stopping.Token;
        foreach (var batch in group)
        {
            batch.Refusal = null;
        }

        // Rows encoded again here (their table was replaced while they waited) are the group's to give back.
        var reencoded = new List<EncodedRows>();
        try
        {
            await unitOfWork.RunAsync(
                async () =>
                {
                    var now = _clock.GetUtcNow().UtcDateTime;
                    var tables = await LockTablesAsync(db, group, now, cancellationToken);
                    var runs = new List<RowRun>(group.Count);
                    foreach (var batch in group)
                    {
                        try
                        {
                            var table = tables[batch.DataTableId] ?? throw DataTableNotFound.Error(batch.DataTableId);
                            var rows = batch.Rows;
                            if (!table.Columns.SequenceEqual(batch.Columns, StringComparer.Ordinal))
                            {
                                rows = batch.EncodeFor(table.Columns);
                                reencoded.Add(rows);
                            }

                            runs.Add(new RowRun(batch.DataTableId, table.AppendRows(rows.Length, now), rows));
                        }
                        catch (CXGearException refusal)
                        {
                            // Nothing of this batch was written or counted yet (AppendRows throws before it counts).
                            batch.Refusal = refusal;
                        }
                    }

                    await writer.WriteAsync(runs, cancellationToken);

                    // The whole transaction is the unit; EF's savepoint around the save would add two statements inside
                    // the write lock and protect nothing a rollback does not.
                    db.Database.AutoSavepointsEnabled = false;
                },
                cancellationToken);
        }
        finally
        {
            reencoded.ForEach(rows => rows.Dispose());
        }
    }

    /// <summary>
    /// Locks each table of the group once, in id order whatever order their batches arrived in: two groups on two
    /// instances (PostgreSQL, SQL Server) that share tables then take their locks in the same order and cannot
    /// deadlock. Null for a table that is gone. The requests already found their tables in their own organizations;
    /// the group has no caller, so the tenant filter is not applied.
    /// </summary>
    private static async Task<Dictionary<Guid, Domain.DataTables.DataTable?>> LockTablesAsync(
        IApplicationDbContext db, List<Batch> group, DateTime now, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<Guid, Domain.DataTables.DataTable?>();
        foreach (var id in group.Select(b => b.DataTableId).Distinct().Order())
        {
            try
            {
                tables[id] = await db.LockForWriteAsync(id, now, cancellationToken, acrossOrganizations: true);
            }
            catch (CXGearException)
            {
                // Deleted while its batches waited: they are refused one by one, the rest of the group goes on.
                tables[id] = null;
            }
        }

        return tables;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An ingest group of {Batches} batches failed to commit; each batch is retried alone.")]
    private static partial void LogGroupFailed(ILogger logger, Exception error, int batches);

    internal sealed class Batch(Guid dataTableId, IReadOnlyList<string> columns, EncodedRows rows, Func<IReadOnlyList<string>, EncodedRows> encodeFor)
    {
        public Guid DataTableId { get; } = dataTableId;

        public IReadOnlyList<string> Columns { get; } = columns;

        public EncodedRows Rows { get; } = rows;

        public Func<IReadOnlyList<string>, EncodedRows> EncodeFor { get; } = encodeFor;

        public CXGearException? Refusal { get; set; }

        // Requests continue on the thread pool, not on the writer's loop.
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
