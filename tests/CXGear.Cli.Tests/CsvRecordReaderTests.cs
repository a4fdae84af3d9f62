using System.Text;
using CXGear.Cli.Ingest;
using CXGear.Csv;

namespace CXGear.Cli.Tests;

public sealed class CsvRecordReaderTests
{
    private static List<(long Line, string[] Fields)> Read(string text, bool bom = false)
    {
        var bytes = (bom ? [0xEF, 0xBB, 0xBF] : Array.Empty<byte>()).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        using var reader = CsvRecordReader.Open(new MemoryStream(bytes));
        var records = new List<(long, string[])>();
        while (reader.Read() is { } fields)
        {
            records.Add((reader.RecordLine, fields));
        }

        return records;
    }

    [Test]
    public void Quotes_escaped_quotes_commas_and_line_breaks_inside_quotes_follow_rfc_4180_and_lines_count_physically()
    {
        var records = Read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",z\r\n\"two\nlines\",2,\r\n\r\nlast,\"\",\"q\"\n", bom: true);

        Assert.That(records.Select(r => r.Line), Is.EqualTo(new long[] { 1, 2, 3, 6 }));
        Assert.That(records[0].Fields, Is.EqualTo(new[] { "a", "b", "c" }), "the BOM is not part of the first column's name");
        Assert.That(records[1].Fields, Is.EqualTo(new[] { "x, y", "say \"hi\"", "z" }));
        Assert.That(records[2].Fields, Is.EqualTo(new[] { "two\nlines", "2", "" }));
        Assert.That(records[3].Fields, Is.EqualTo(new[] { "last", "", "q" }));
    }

    [Test]
    public void Cr_only_line_ends_a_final_line_without_a_break_and_a_quote_inside_an_unquoted_field_are_read_as_the_api_reads_them()
    {
        var records = Read("a,b\rit's,5\" tall\r1,2");

        Assert.That(records.Select(r => r.Fields), Is.EqualTo(new[] { new[] { "a", "b" }, new[] { "it's", "5\" tall" }, new[] { "1", "2" } }));
    }

    [TestCase("a\n\"open,1\n", "line 2: a quoted field is not closed.")]
    [TestCase("a,b\n\"x\"y,1\n", "line 2: a closing quote must be followed by a comma or the end of the line.")]
    public void Malformed_csv_names_its_line(string text, string message)
    {
        var error = Assert.Throws<CsvFormatException>(() => Read(text))!;
        Assert.That(CsvFiles.Describe(error), Is.EqualTo(message));
    }

    [Test]
    public void Invalid_utf8_and_an_overlong_field_are_refused_with_a_line()
    {
        using var invalid = CsvRecordReader.Open(new MemoryStream([(byte)'a', (byte)'\n', 0xC3, 0x28, (byte)'\n']));
        var overlong = "a\nok\n" + new string('x', CsvRecordReader.MaxFieldLength + 1) + "\n";

        Assert.That(Assert.Throws<CsvFormatException>(() => invalid.Read())!.Message, Does.Contain("not valid UTF-8"));
        Assert.That(Assert.Throws<CsvFormatException>(() => Read(overlong))!.Line, Is.EqualTo(3));
    }
}
