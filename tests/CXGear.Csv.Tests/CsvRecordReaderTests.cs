using System.Text;
namespace CXGear.Csv.Tests;

/// <summary>The dialect, limits and messages of the API's former reader (Application/DataTables/Csv), now read through Sep.</summary>
public sealed class CsvRecordReaderTests
{
    private static async Task<List<(long Line, string[] Fields)>> ReadAllAsync(string csv, int maxFields = 100, bool bom = false)
    {
        var bytes = (bom ? [0xEF, 0xBB, 0xBF] : Array.Empty<byte>()).Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        using var reader = CsvRecordReader.Open(new MemoryStream(bytes), maxFields);
        var records = new List<(long, string[])>();
        while (await reader.ReadAsync(CancellationToken.None) is { } record)
        {
            records.Add((reader.RecordLine, record));
        }

        return records;
    }

    private static async Task<CsvFormatException> FailsAsync(string csv, int maxFields = 100) =>
        (await Assert.ThrowsAsync<CsvFormatException>(async () => await ReadAllAsync(csv, maxFields)))!;

    [Test]
    public async Task Plain_fields_split_on_commas_with_any_line_ending()
    {
        var records = await ReadAllAsync("a,b\r\n1,2\n3,4\r5,6");

        Assert.That(records.Select(r => string.Join("|", r.Fields)), Is.EqualTo(new[] { "a|b", "1|2", "3|4", "5|6" }));
        Assert.That(records.Select(r => r.Line), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
    }

    [Test]
    public async Task Quoted_fields_hold_commas_escaped_quotes_and_line_breaks()
    {
        var records = await ReadAllAsync("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\nnext,x,y,z\n");

        Assert.That(records[0].Fields, Is.EqualTo(new[] { "a,b", "say \"hi\"", "two\nlines", "" }));
        Assert.That(records[1].Line, Is.EqualTo(3), "the embedded line break counts as a line");
    }

    [Test]
    public async Task Empty_fields_and_a_trailing_comma_are_kept()
    {
        var records = await ReadAllAsync("a,,c,\n");

        Assert.That(records.Single().Fields, Is.EqualTo(new[] { "a", "", "c", "" }));
    }

    [Test]
    public async Task Blank_lines_are_skipped_and_line_numbers_still_count_them()
    {
        var records = await ReadAllAsync("a\n\n\r\nb\n\n");

        Assert.That(records.Select(r => (r.Line, r.Fields[0])), Is.EqualTo(new[] { (1L, "a"), (4L, "b") }));
    }

    [Test]
    public async Task A_bom_is_not_part_of_the_first_field()
    {
        var records = await ReadAllAsync("name\nZoë\n", bom: true);

        Assert.That(records.Select(r => r.Fields[0]), Is.EqualTo(new[] { "name", "Zoë" }));
    }

    [Test]
    public async Task A_quote_inside_an_unquoted_field_is_literal()
    {
        var records = await ReadAllAsync("5\" screen,x\n");

        Assert.That(records.Single().Fields, Is.EqualTo(new[] { "5\" screen", "x" }));
    }

    [Test]
    public async Task An_unclosed_quote_names_the_line_where_its_record_starts()
    {
        var error = await FailsAsync("a\nb\n\"open\nstill\n");

        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Does.StartWith("Line 3:").And.Contain("not closed"));
    }

    [Test]
    public async Task Text_after_a_closing_quote_is_malformed()
    {
        var error = await FailsAsync("a,b\n\"x\"y,z\n");

        Assert.That(error.Line, Is.EqualTo(2));
    }

    [Test]
    public async Task Fields_longer_than_the_cap_and_too_many_fields_are_refused()
    {
        var tooLong = await FailsAsync("a\n\"" + new string('x', CsvRecordReader.MaxFieldLength + 1) + "\"\n");
        var tooMany = await FailsAsync("a,b,c,d\n", maxFields: 3);

        Assert.That(tooLong.Line, Is.EqualTo(2));
        Assert.That(tooMany.Message, Does.Contain("more than 3 fields"));
    }

    [Test]
    public async Task Records_that_cross_the_read_buffer_are_whole()
    {
        var value = new string('v', 9_000);
        var csv = string.Concat(Enumerable.Range(0, 30).Select(i => $"{i},\"{value}\r\n{i}\"\r\n"));

        var records = await ReadAllAsync(csv);

        Assert.That(records, Has.Count.EqualTo(30));
        Assert.That(records.All(r => r.Fields[1] == value + "\r\n" + r.Fields[0]), Is.True);
        Assert.That(records[29].Line, Is.EqualTo(59));
    }

    [Test]
    public async Task Invalid_utf8_is_a_format_error()
    {
        using var reader = CsvRecordReader.Open(new MemoryStream([(byte)'a', (byte)'\n', 0xC3, 0x28]), 10);

        var error = await Assert.ThrowsAsync<CsvFormatException>(async () =>
        {
            while (await reader.ReadAsync(CancellationToken.None) is not null)
            {
            }
        });

        Assert.That(error!.Message, Does.Contain("UTF-8"));
    }
}
