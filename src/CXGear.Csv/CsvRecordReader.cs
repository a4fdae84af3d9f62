using System.Text;
using nietras.SeparatedValues;

namespace CXGear.Csv;

/// <summary>
/// The project's CSV dialect, read with Sep: comma-separated, fields optionally in double quotes, <c>""</c> for a
/// quote inside quotes, commas and line breaks allowed inside quotes, CRLF, LF or CR line ends, UTF-8 with or without a
/// BOM (other bytes are an error). Blank lines are skipped; a quote inside an unquoted field is kept as a character (as
/// hand-made files write <c>5" screen</c>); text after a closing quote is an error. A field is at most
/// <see cref="MaxFieldLength"/> characters, a record at most the given number of fields. Every value is a string (an
/// empty field is <c>""</c>). Errors are <see cref="CsvFormatException"/>s naming the physical line where the bad
/// record starts (the header is line 1; line breaks inside quotes count), or for a misplaced closing quote the line it
/// is on.
/// <para>
/// Sep finds the records and fields (vectorized) and holds one record at a time; <see cref="QuoteGuard"/> in front of it
/// keeps literal quotes literal and bounds a runaway record; this class checks and unquotes the quoted fields (Sep's own
/// unescaping takes <c>"x"y</c> as <c>xy</c> without a word) and counts lines. It reads from a stream it does not own
/// unless told to, so a body of any size reads in memory bounded by one record.
/// </para>
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    /// <summary>The contract's cap on one string value (§5); also what stops a runaway quoted field.</summary>
    public const int MaxFieldLength = 10_000;

    private const int BufferSize = 64 * 1024;

    private static readonly SepReaderOptions Options = Sep.New(',').Reader(o => o with
    {
        HasHeader = false,
        DisableColCountCheck = true,
        CultureInfo = null,
    });

    private readonly QuoteGuard _text;
    private readonly int _maxFields;
    private SepReader? _sep;
    private long _nextLine = 1;

    private CsvRecordReader(Stream stream, int? maxFields, bool leaveOpen)
    {
        _maxFields = maxFields ?? int.MaxValue;
        var decoder = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, BufferSize, leaveOpen);
        _text = new QuoteGuard(decoder, MaxRecordLength(_maxFields));
    }

    /// <summary>The 1-based line on which the record last returned starts (a record may span lines).</summary>
    public long RecordLine { get; private set; }

    /// <summary>
    /// Reads UTF-8 from <paramref name="stream"/> (a BOM is skipped); <paramref name="maxFields"/> caps the fields of a
    /// record (none when null). The stream stays open unless <paramref name="leaveOpen"/> is false.
    /// </summary>
    public static CsvRecordReader Open(Stream stream, int? maxFields = null, bool leaveOpen = true) => new(stream, maxFields, leaveOpen);

    /// <summary>The next record's fields, or null at the end of the input. Synchronous reads of the stream.</summary>
    public string[]? Read()
    {
        try
        {
            _sep ??= Options.From(_text, leaveOpen: true);
            while (_sep.MoveNext())
            {
                if (Take(_sep.Current) is { } record)
                {
                    return record;
                }
            }

            return null;
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }
    }

    /// <summary>The next record's fields, or null at the end of the input. Asynchronous reads of the stream.</summary>
    public async ValueTask<string[]?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            _sep ??= await Options.FromAsync(_text, leaveOpen: true, cancellationToken);
            while (await _sep.MoveNextAsync(cancellationToken))
            {
                if (Take(_sep.Current) is { } record)
                {
                    return record;
                }
            }

            return null;
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }
    }

    public void Dispose()
    {
        _sep?.Dispose();
        _text.Dispose();
    }

    /// <summary>
    /// The longest record that the caps allow, in characters of the file: every field quoted and made of doubled
    /// quotes, plus the commas. Anything longer breaks a cap, so <see cref="QuoteGuard"/> may stop reading there.
    /// </summary>
    private static int MaxRecordLength(int maxFields) =>
        (int)Math.Min(int.MaxValue, ((long)maxFields * ((2L * MaxFieldLength) + 3)) + 1);

    /// <summary>A blank line is skipped (null); any other row becomes a record, or the error the dialect makes of it.</summary>
    private string[]? Take(SepReader.Row row)
    {
        var line = _nextLine;
        var text = row.Span;
        if (text.IsEmpty)
        {
            _nextLine++;
            return null;
        }

        RecordLine = line;
        var quoted = text.Contains('"');

        // Outside quotes a line break ends the record, so the record's line breaks are those inside its quotes (a CR
        // alone inside quotes is a character of the value, not a line).
        _nextLine += 1 + (quoted ? text.Count('\n') : 0);
        var count = row.ColCount;
        var fields = new string[Math.Min(count, _maxFields)];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = row[i].Span;
            fields[i] = !quoted ? Plain(field)
                : field is ['"', ..] ? Quoted(field, ref line)
                : field.Contains('"') ? Literal(field)
                : Plain(field);
        }

        if (count > _maxFields)
        {
            throw new CsvFormatException(RecordLine, $"a record has more than {_maxFields} fields.");
        }

        return fields;
    }

    private string Plain(ReadOnlySpan<char> field) =>
        field.Length > MaxFieldLength ? throw TooLong() : field.IsEmpty ? string.Empty : new string(field);

    /// <summary>An unquoted field with quotes in it, which <see cref="QuoteGuard"/> doubled.</summary>
    private string Literal(ReadOnlySpan<char> field)
    {
        var value = field.ToString().Replace("\"\"", "\"", StringComparison.Ordinal);
        return value.Length > MaxFieldLength ? throw TooLong() : value;
    }

    /// <summary>
    /// A field that starts with a quote: the value between it and the closing quote, <c>""</c> read as one quote. The
    /// closing quote must end the field. <paramref name="line"/> moves over the line breaks inside, so a misplaced
    /// closing quote is reported on its own line.
    /// </summary>
    private string Quoted(ReadOnlySpan<char> field, ref long line)
    {
        var rest = field[1..];
        var quote = rest.IndexOf('"');
        if (quote >= 0 && quote == rest.Length - 1)
        {
            // The usual case: no "" inside.
            var value = rest[..quote];
            line += value.Count('\n');
            return value.Length > MaxFieldLength ? throw TooLong() : new string(value);
        }

        var builder = new StringBuilder();
        while (true)
        {
            if (quote < 0)
            {
                // Sep ends a field inside quotes only at the end of the input (or where QuoteGuard stopped it).
                throw builder.Length + rest.Length > MaxFieldLength ? TooLong() : new CsvFormatException(RecordLine, "a quoted field is not closed.");
            }

            var run = rest[..quote];
            line += run.Count('\n');
            if (builder.Length + run.Length > MaxFieldLength)
            {
                throw TooLong();
            }

            builder.Append(run);
            rest = rest[(quote + 1)..];
            if (rest.IsEmpty)
            {
                return builder.ToString();
            }

            if (rest[0] != '"')
            {
                throw new CsvFormatException(line, "a closing quote must be followed by a comma or the end of the line.");
            }

            builder.Append('"');
            rest = rest[1..];
            quote = rest.IndexOf('"');
        }
    }

    private CsvFormatException TooLong() => new(RecordLine, $"a field is longer than {MaxFieldLength} characters.");

    /// <summary>Decoding runs ahead of the records, so the bad bytes are somewhere at or after the next record's line.</summary>
    private CsvFormatException NotUtf8() => new(_nextLine, "the file is not valid UTF-8.");
}
