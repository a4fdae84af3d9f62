using System.Text;

namespace CXGear.Csv.Tests;

/// <summary>
/// Where Sep alone would read differently from the dialect (quotes paired anywhere, no error after a closing quote, a
/// whole record in memory, CR inside quotes counted as a line), and what the wrapper does about it.
/// </summary>
public sealed class SepDialectTests
{
    private static List<(long Line, string[] Fields)> Read(string csv, int? maxFields = null)
    {
        using var reader = CsvRecordReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)), maxFields);
        var records = new List<(long, string[])>();
        while (reader.Read() is { } record)
        {
            records.Add((reader.RecordLine, record));
        }

        return records;
    }

    private static async Task<List<(long Line, string[] Fields)>> ReadAsync(string csv)
    {
        using var reader = CsvRecordReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)));
        var records = new List<(long, string[])>();
        while (await reader.ReadAsync(CancellationToken.None) is { } record)
        {
            records.Add((reader.RecordLine, record));
        }

        return records;
    }

    [Test]
    public void An_odd_quote_inside_an_unquoted_field_does_not_swallow_the_lines_after_it()
    {
        var records = Read("size,x\n5\" screen,1\nit's 6\" wide and 7\" tall,2\na\"\"b,3\nnext,\"q\"\n");

        Assert.That(records.Select(r => r.Fields), Is.EqualTo(new[]
        {
            new[] { "size", "x" },
            new[] { "5\" screen", "1" },
            new[] { "it's 6\" wide and 7\" tall", "2" },
            new[] { "a\"\"b", "3" },
            new[] { "next", "q" },
        }));
        Assert.That(records.Select(r => r.Line), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
    }

    [Test]
    public void Quotes_inside_an_unquoted_field_do_not_protect_a_comma()
    {
        Assert.That(Read("a \"b,c\" d\n").Single().Fields, Is.EqualTo(new[] { "a \"b", "c\" d" }));
    }

    [Test]
    public void A_cr_alone_inside_quotes_is_a_character_and_not_a_line()
    {
        var records = Read("a\n\"x\ry\",\"crlf\r\ninside\"\nq\n");

        Assert.That(records[1].Fields, Is.EqualTo(new[] { "x\ry", "crlf\r\ninside" }));
        Assert.That(records.Select(r => r.Line), Is.EqualTo(new long[] { 1, 2, 4 }));
    }

    [TestCase("a\n\"x\ny\"z\n", 3)]
    [TestCase("a,b\n\"one\ntwo\",\"x\"\"\ny\" z\n", 4)]
    [TestCase("a\n\"x\"\"\"y\n", 2)]
    public void Text_after_a_closing_quote_is_reported_on_the_line_of_that_quote(string csv, long line)
    {
        var error = Assert.Throws<CsvFormatException>(() => Read(csv))!;

        Assert.That(error.Line, Is.EqualTo(line));
        Assert.That(error.Reason, Is.EqualTo("a closing quote must be followed by a comma or the end of the line."));
    }

    [TestCase("a\n\"", "a quoted field is not closed.")]
    [TestCase("a\n\"x\"\"", "a quoted field is not closed.")]
    [TestCase("a\nok,\"x", "a quoted field is not closed.")]
    public void A_quote_left_open_at_the_end_is_refused(string csv, string reason)
    {
        var error = Assert.Throws<CsvFormatException>(() => Read(csv))!;

        Assert.That((error.Line, error.Reason), Is.EqualTo((2L, reason)));
    }

    [Test]
    public void A_record_with_exactly_the_maximum_of_fields_is_read_and_one_more_is_refused()
    {
        Assert.That(Read("a,b,c\n", maxFields: 3).Single().Fields, Has.Length.EqualTo(3));
        Assert.That(Assert.Throws<CsvFormatException>(() => Read("a\n1,2,3,4\n", maxFields: 3))!.Message, Is.EqualTo("Line 2: a record has more than 3 fields."));
    }

    [Test]
    public void A_field_of_exactly_the_maximum_length_is_read_quoted_or_not_and_with_escaped_quotes()
    {
        var plain = new string('x', CsvRecordReader.MaxFieldLength);
        var quotes = new string('"', CsvRecordReader.MaxFieldLength);
        var csv = $"{plain},\"{plain}\",\"{quotes.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n";

        Assert.That(Read(csv).Single().Fields, Is.EqualTo(new[] { plain, plain, quotes }));
        var longest = string.Join(',', Enumerable.Repeat("\"" + quotes.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", 3));
        Assert.That(Read(longest + "\n", maxFields: 3).Single().Fields, Is.EqualTo(new[] { quotes, quotes, quotes }), "the longest record the caps allow is read whole");
        Assert.That(Assert.Throws<CsvFormatException>(() => Read("\"" + quotes.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"\"\"\n"))!.Reason, Does.StartWith("a field is longer than"));
        Assert.That(Assert.Throws<CsvFormatException>(() => Read("a" + plain.Replace("x", "\"", StringComparison.Ordinal) + "\n"))!.Reason, Does.StartWith("a field is longer than"));
    }

    [Test]
    public void Blank_lines_empty_input_and_quoted_empty_fields()
    {
        Assert.That(Read(""), Is.Empty);
        Assert.That(Read("\n\r\n\r"), Is.Empty);
        Assert.That(Read("\"\"\n\n,\n").Select(r => (r.Line, r.Fields.Length)), Is.EqualTo(new[] { (1L, 1), (3L, 2) }));
    }

    [Test]
    public async Task A_large_file_reads_the_same_synchronously_and_asynchronously_across_buffers()
    {
        var (csv, expected) = Generated(20_000);

        var sync = Read(csv);
        var async = await ReadAsync(csv);

        Assert.That(sync.Select(r => r.Fields), Is.EqualTo(expected.Select(e => e.Fields)));
        Assert.That(sync.Select(r => r.Line), Is.EqualTo(expected.Select(e => e.Line)));
        Assert.That(async.Select(r => r.Fields), Is.EqualTo(expected.Select(e => e.Fields)));
        Assert.That(async.Select(r => r.Line), Is.EqualTo(expected.Select(e => e.Line)));
    }

    [Test]
    public void A_stray_quote_stops_reading_past_one_over_long_field_instead_of_holding_the_file()
    {
        var stream = new CountingStream(Repeated("a,b\n\"x,1\n", "y,2\n", 20_000_000));
        using var reader = CsvRecordReader.Open(stream, 500);

        reader.Read();
        var error = Assert.Throws<CsvFormatException>(() => reader.Read())!;

        Assert.That(error.Message, Is.EqualTo("Line 2: a field is longer than 10000 characters."));
        Assert.That(stream.BytesRead, Is.LessThan(1_000_000), "read far enough to see the field is too long, not to the end");
    }

    [Test]
    public void A_file_without_line_breaks_stops_reading_once_the_record_cannot_be_within_the_caps()
    {
        var stream = new CountingStream(Repeated("a,b\n", "x,", 20_000_000));
        using var reader = CsvRecordReader.Open(stream, 500);

        reader.Read();
        var error = Assert.Throws<CsvFormatException>(() => reader.Read())!;

        Assert.That(error.Message, Is.EqualTo("Line 2: a record has more than 500 fields."));
        Assert.That(stream.BytesRead, Is.LessThan(12_000_000), "a record within the caps is at most ~10 M characters");
    }

    [Test]
    public void Without_a_field_cap_a_line_without_separators_still_stops_at_one_over_long_field()
    {
        var stream = new CountingStream(Repeated("a\n", "xy\"z", 20_000_000));
        using var reader = CsvRecordReader.Open(stream);

        reader.Read();
        var error = Assert.Throws<CsvFormatException>(() => reader.Read())!;

        Assert.That(error.Message, Is.EqualTo("Line 2: a field is longer than 10000 characters."));
        Assert.That(stream.BytesRead, Is.LessThan(1_000_000));
    }

    [Test]
    public void Invalid_utf8_after_good_records_names_a_line_at_or_before_the_bad_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes("a\n" + string.Concat(Enumerable.Repeat("ok\n", 100_000))).Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        using var reader = CsvRecordReader.Open(new MemoryStream(bytes));

        var error = Assert.Throws<CsvFormatException>(() =>
        {
            while (reader.Read() is not null)
            {
            }
        })!;

        Assert.That(error.Reason, Is.EqualTo("the file is not valid UTF-8."));
        Assert.That(error.Line, Is.InRange(2, 100_002));
    }

    /// <summary>Records of every kind of field, so literal and escaped quotes fall on every buffer boundary.</summary>
    private static (string Csv, List<(long Line, string[] Fields)> Records) Generated(int count)
    {
        var csv = new StringBuilder();
        var records = new List<(long, string[])>();
        long line = 1;
        for (var i = 0; i < count; i++)
        {
            var fields = new[] { $"{i}", $"{i % 7}\" screen", $"say \"hi\" {i}", $"two\nlines {i}", i % 3 == 0 ? "" : $"a,b {i}", $"x\"\"y{i}" };
            csv.Append(fields[0]).Append(',')
                .Append(fields[1]).Append(',')
                .Append('"').Append(fields[2].Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",")
                .Append('"').Append(fields[3]).Append("\",")
                .Append(fields[4].Length == 0 ? "" : $"\"{fields[4]}\"").Append(',')
                .Append(fields[5]).Append(i % 2 == 0 ? "\r\n" : "\n");
            records.Add((line, fields));
            line += 2;
            if (i % 100 == 0)
            {
                csv.Append('\n');
                line++;
            }
        }

        return (csv.ToString(), records);
    }

    private static MemoryStream Repeated(string head, string unit, int bytes)
    {
        var stream = new MemoryStream(bytes + head.Length);
        stream.Write(Encoding.UTF8.GetBytes(head));
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, 4096 / unit.Length)));
        while (stream.Length < bytes)
        {
            stream.Write(chunk);
        }

        stream.Position = 0;
        return stream;
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
