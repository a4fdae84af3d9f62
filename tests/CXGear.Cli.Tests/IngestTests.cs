using System.Text.Json;

namespace CXGear.Cli.Tests;

/// <summary><c>cxgear ingest</c> as a separate process against the live API.</summary>
public sealed class IngestTests : CliTestBase
{
    private const int Rows = 20_000;

    [Test]
    public async Task A_20000_row_csv_is_ingested_in_full_and_the_checkpoint_says_so()
    {
        var org = await ArrangeAsync();
        var csv = WriteCsv(org.Folder, Rows);

        var (code, output, errors) = await CliProcess.RunAsync(org.Folder, KeyEnvironment(org), "ingest", "--table", org.TableId.ToString(), "--file", csv);

        Assert.That(code, Is.Zero, errors);
        Assert.That(output, Does.Contain("Ingested 20,000 rows of contacts.csv into 'Contacts'").And.Contain("The table has 20,000 rows."));
        Assert.That((await org.User.GetDataTableAsync(org.TableId)).RowCount, Is.EqualTo(Rows));
        using var checkpoint = JsonDocument.Parse(await File.ReadAllTextAsync(csv + ".cxgear-checkpoint.json"));
        Assert.That((checkpoint.RootElement.GetProperty("completed").GetBoolean(), checkpoint.RootElement.GetProperty("rowsAcknowledged").GetInt64()), Is.EqualTo((true, (long)Rows)));

        var again = await CliProcess.RunAsync(org.Folder, KeyEnvironment(org), "ingest", "--table", org.TableId.ToString(), "--file", csv);
        Assert.That(again.ExitCode, Is.EqualTo(1), again.Errors);
        Assert.That(again.Errors, Does.Contain("was already ingested into table"));
        Assert.That((await org.User.GetDataTableAsync(org.TableId)).RowCount, Is.EqualTo(Rows), "a second run is refused, not duplicated");
    }

    [Test]
    public async Task A_run_killed_half_way_resumes_to_exactly_every_row_once()
    {
        var org = await ArrangeAsync();
        var csv = WriteCsv(org.Folder, Rows);
        var checkpointPath = csv + ".cxgear-checkpoint.json";
        Api.SlowKeys[org.Key] = TimeSpan.FromMilliseconds(20);
        string[] arguments = ["ingest", "--table", org.TableId.ToString(), "--file", csv, "--batch", "100", "--concurrency", "3"];

        using (var first = CliProcess.Start(org.Folder, KeyEnvironment(org), arguments))
        {
            while (Acknowledged(checkpointPath) < 3_000 && !first.HasExited)
            {
                await Task.Delay(10);
            }

            first.Kill();
            Assert.That(first.Output, Does.Not.Contain("Ingested"), "killed before it finished: " + first.Errors);
        }

        var atCrash = Acknowledged(checkpointPath);
        var stored = (await org.User.GetDataTableAsync(org.TableId)).RowCount;
        Assert.That(atCrash, Is.InRange(3_000, Rows - 1));
        Assert.That(stored, Is.GreaterThanOrEqualTo(atCrash), "everything the checkpoint counts is stored (and maybe batches in flight)");

        Api.SlowKeys.TryRemove(org.Key, out _);
        var (code, output, errors) = await CliProcess.RunAsync(org.Folder, KeyEnvironment(org), [.. arguments, "--resume"]);

        await TestContext.Out.WriteLineAsync($"killed at {atCrash:N0} acknowledged rows, {stored:N0} stored; resumed: {output}");
        Assert.That(code, Is.Zero, errors);
        Assert.That(output, Does.Contain("The table has 20,000 rows."));
        if (stored > atCrash)
        {
            Assert.That(output, Does.Match(@"\d+ batch\(es\) had been applied before and were replayed"), "batches stored past the checkpoint were resent and replayed");
        }

        var numbers = await NumbersAsync(org);
        Assert.That(numbers, Has.Count.EqualTo(Rows));
        Assert.That(numbers.Order(), Is.EqualTo(Enumerable.Range(1, Rows).Select(i => (long)i)), "every row once: no gap, no duplicate");
    }

    [Test]
    public async Task A_header_that_does_not_match_the_table_is_refused_before_any_row_is_sent()
    {
        var org = await ArrangeAsync();
        var csv = WriteCsv(org.Folder, 50, header: "n,name,email");

        var (code, _, errors) = await CliProcess.RunAsync(org.Folder, KeyEnvironment(org), "ingest", "--table", org.TableId.ToString(), "--file", csv);

        Assert.That(code, Is.EqualTo(2), errors);
        Assert.That(errors, Does.Contain("not in the table: email").And.Contain("missing from the file: phone").And.Contain("Nothing was sent"));
        Assert.That((await org.User.GetDataTableAsync(org.TableId)).RowCount, Is.Zero);
        Assert.That(File.Exists(csv + ".cxgear-checkpoint.json"), Is.False);
    }

    [Test]
    public async Task Malformed_lines_are_named_and_nothing_is_sent()
    {
        var org = await ArrangeAsync();
        var csv = Path.Combine(org.Folder, "bad.csv");
        await File.WriteAllTextAsync(csv, "n,name,phone\n1,Ada,+1\n2,\"Bob\nBrown\",+2\n3,Cy\n4,Di,+4,extra\n5,\"Ed\",+5\n");

        var (code, _, errors) = await CliProcess.RunAsync(org.Folder, KeyEnvironment(org), "ingest", "--table", org.TableId.ToString(), "--file", csv);

        Assert.That(code, Is.EqualTo(2), errors);
        Assert.That(errors, Does.Contain("line 5: expected 3 fields, found 2.").And.Contain("line 6: expected 3 fields, found 4."));
        Assert.That((await org.User.GetDataTableAsync(org.TableId)).RowCount, Is.Zero);
    }

    private static long Acknowledged(string checkpointPath)
    {
        try
        {
            using var checkpoint = JsonDocument.Parse(File.ReadAllText(checkpointPath));
            return checkpoint.RootElement.GetProperty("rowsAcknowledged").GetInt64();
        }
        catch (Exception error) when (error is IOException or JsonException)
        {
            // Not written yet (it is replaced by rename, so never half-written).
            return 0;
        }
    }
}
