using System.Threading.Channels;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.DataTables.Commands.IngestRecords;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CXGear.Application.Tests.DataTables;

/// <summary>How the ingest writer closes a group: by rows, and by its wait on the clock (a fake one: no sleeps).</summary>
public sealed class IngestGroupBoundsTests
{
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void NewClock() => _clock = new FakeTimeProvider();

    [Test]
    public async Task With_no_wait_a_lone_batch_is_a_group_at_once()
    {
        var queue = Queue(Batch(500));

        var group = await Group(maxRows: 5_000, maxWait: TimeSpan.Zero).TakeGroupAsync(queue.Reader);

        Assert.That(group.Select(b => b.Rows.Length), Is.EqualTo(new[] { 500 }));
    }

    [Test]
    public async Task A_group_takes_what_is_queued_until_it_reaches_the_row_bound_and_never_splits_a_batch()
    {
        var queue = Queue(Batch(500), Batch(400), Batch(300), Batch(200));

        var group = await Group(maxRows: 1_000, maxWait: TimeSpan.Zero).TakeGroupAsync(queue.Reader);

        Assert.That(group.Select(b => b.Rows.Length), Is.EqualTo(new[] { 500, 400, 300 }));
        Assert.That(queue.Reader.TryRead(out var left) ? left.Rows.Length : 0, Is.EqualTo(200), "the next group starts with it");
    }

    [Test]
    public async Task With_a_wait_batches_arriving_within_it_join_and_the_clock_closes_the_group()
    {
        var queue = Queue(Batch(10));
        var taking = Group(maxRows: 5_000, maxWait: TimeSpan.FromMilliseconds(2)).TakeGroupAsync(queue.Reader);

        queue.Writer.TryWrite(Batch(20));
        Assert.That(taking.IsCompleted, Is.False, "still within the wait");
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        var group = await taking.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(group.Select(b => b.Rows.Length), Is.EqualTo(new[] { 10, 20 }));
    }

    [Test]
    public async Task With_a_wait_the_row_bound_closes_the_group_before_the_clock_does()
    {
        var queue = Queue(Batch(500));
        var taking = Group(maxRows: 600, maxWait: TimeSpan.FromSeconds(1)).TakeGroupAsync(queue.Reader);

        queue.Writer.TryWrite(Batch(200));
        var group = await taking.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(group.Select(b => b.Rows.Length), Is.EqualTo(new[] { 500, 200 }));
        Assert.That(_clock.GetUtcNow(), Is.EqualTo(new FakeTimeProvider().GetUtcNow()), "the clock never moved");
    }

    private IngestGroupCommit Group(int maxRows, TimeSpan maxWait) =>
        new(
            new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new IngestGroupOptions { MaxRows = maxRows, MaxWait = maxWait }),
            _clock,
            NullLogger<IngestGroupCommit>.Instance);

    private static Channel<IngestGroupCommit.Batch> Queue(params IngestGroupCommit.Batch[] batches)
    {
        var channel = Channel.CreateUnbounded<IngestGroupCommit.Batch>();
        foreach (var batch in batches)
        {
            channel.Writer.TryWrite(batch);
        }

        return channel;
    }

    private static IngestGroupCommit.Batch Batch(int rows) =>
        new(Guid.NewGuid(), ["name"], new EncodedRows(new byte[rows], Enumerable.Range(1, rows).ToArray()), _ => throw new InvalidOperationException("not re-encoded here"));
}
