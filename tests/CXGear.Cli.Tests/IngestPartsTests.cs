using System.Text.Json;
using CXGear.Cli.Ingest;
using CXGear.Client;

namespace CXGear.Cli.Tests;

public sealed class IngestPartsTests
{
    private static readonly CsvHeader Header = new(["name", "phone"]);

    private static CsvBatch Batch(long sequence, params long[] lines) =>
        new(sequence, Header, lines.Select(l => new[] { $"n{l}", $"+{l}" }).ToList(), [.. lines], 0);

    [Test]
    public void The_checkpoint_moves_only_over_a_gap_free_run_of_acknowledged_batches()
    {
        var tracker = new AckTracker(0, 0, 1);

        Assert.That(tracker.Acknowledge(Batch(1, 4, 5)), Is.False, "batch 0 is still in flight");
        Assert.That(tracker.Snapshot(), Is.EqualTo((0L, 1L)));
        Assert.That(tracker.Acknowledge(Batch(0, 2, 3)), Is.True);
        Assert.That(tracker.Snapshot(), Is.EqualTo((4L, 5L)), "both batches now");
    }

    [Test]
    public void A_batch_key_depends_on_table_file_batch_size_and_first_line_only()
    {
        var table = Guid.NewGuid();
        var file = new FileIdentity(1234, "abc");
        var key = BatchKeys.For(table, file, 500, 502);

        Assert.That(key, Is.EqualTo(BatchKeys.For(table, file, 500, 502)));
        Assert.That(key, Does.StartWith("cxgear-").And.Length.EqualTo(47));
        Assert.That(new[] { BatchKeys.For(Guid.NewGuid(), file, 500, 502), BatchKeys.For(table, file with { Size = 1235 }, 500, 502), BatchKeys.For(table, file, 100, 502), BatchKeys.For(table, file, 500, 1002) },
            Has.None.EqualTo(key));
    }

    [Test]
    public void A_batch_serializes_to_the_same_bytes_every_time()
    {
        var batch = new CsvBatch(0, new CsvHeader(["name", "note"]), [["Zoë", "say \"hi\""], ["Bob", ""]], [2, 3], 0);

        var first = JsonSerializer.Serialize<object>(batch);
        var second = JsonSerializer.Serialize<object>(batch);

        Assert.That(first, Is.EqualTo(second));
        Assert.That(JsonDocument.Parse(first).RootElement[0].GetProperty("name").GetString(), Is.EqualTo("Zoë"));
        Assert.That(JsonDocument.Parse(first).RootElement[1].GetProperty("note").GetString(), Is.Empty);
    }

    [Test]
    public void Field_errors_of_the_api_are_named_by_csv_line_and_column()
    {
        var batch = Batch(3, 40, 42, 47);
        var problem = ApiProblem.TryParse("""{"errorCode":"VALIDATION_ERROR","detail":"2 field(s) are invalid","errors":{"records[2].phone":["too long"],"records[0]":["not an object"]}}""");

        var outcome = Rejection.Of(new CXGearApiException(400, problem, null), batch);

        Assert.That(outcome, Is.TypeOf<IngestRunner.SendOutcome.Rejected>());
        Assert.That(((IngestRunner.SendOutcome.Rejected)outcome).Lines, Is.EqualTo(new[] { "line 40: not an object", "line 47, column phone: too long" }));
    }

    [Test]
    public void A_header_check_names_unknown_missing_and_repeated_columns()
    {
        Assert.That(HeaderCheck.Problem(["phone", "name"], ["name", "phone"], "T"), Is.Null, "any order");
        Assert.That(HeaderCheck.Problem(["name", "email", "name"], ["name", "phone"], "T"),
            Is.EqualTo("The CSV header does not match table 'T' (columns: name, phone); not in the table: email; missing from the file: phone; named twice: name."));
        Assert.That(HeaderCheck.Problem(["name"], [], "T"), Does.Contain("has no columns yet"));
    }
}
