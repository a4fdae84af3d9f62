using System.Text;

namespace CXGear.Application.DataTables.Csv;

/// <summary>
/// A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes, <c>""</c> for a quote inside
/// quotes, commas and line breaks allowed inside quotes, CRLF, LF or CR line ends, UTF-8 with or without a BOM.
/// It holds one 64 KiB buffer and the current record, never the file, so a CSV of any size reads in constant memory.
/// Blank lines are skipped; a quote inside an unquoted field is kept as a literal character (as most tools write it).
/// </summary>
public sealed class CsvReader : IDisposable
{
    /// <summary>The contract's cap on one string value (§5); also what stops a runaway quoted field.</summary>
    public const int MaxFieldLength = 10_000;

    private const int BufferSize = 64 * 1024;

    private readonly TextReader _reader;
    private readonly int _maxFields;
    private readonly char[] _buffer = new char[BufferSize];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private int _line = 1;

    public CsvReader(TextReader reader, int maxFields)
    {
        _reader = reader;
        _maxFields = maxFields;
    }

    /// <summary>The 1-based line on which the record last returned starts (records may span lines).</summary>
    public int RecordLine { get; private set; }

    /// <summary>Reads UTF-8 (a BOM is skipped); bytes that are not UTF-8 fail with a <see cref="CsvFormatException"/>.</summary>
    public static CsvReader Open(Stream stream, int maxFields) =>
        new(new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, BufferSize, leaveOpen: true), maxFields);

    /// <summary>The next record's fields, or null at the end of the input.</summary>
    public async ValueTask<string[]?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        if (!await SkipBlankLinesAsync(cancellationToken))
        {
            return null;
        }

        RecordLine = _line;
        var fields = new List<string>();
        while (true)
        {
            var (value, more) = await ReadFieldAsync(cancellationToken);
            fields.Add(value);
            if (!more)
            {
                return [.. fields];
            }

            if (fields.Count >= _maxFields)
            {
                throw new CsvFormatException(RecordLine, $"a record has more than {_maxFields} fields.");
            }
        }
    }

    public void Dispose() => _reader.Dispose();

    private async ValueTask<bool> SkipBlankLinesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken))
            {
                return false;
            }

            var c = _buffer[_position];
            if (c is not ('\r' or '\n'))
            {
                return true;
            }

            _position++;
            await EndLineAsync(c, cancellationToken);
        }
    }

    /// <summary>Returns the field and whether another field of the same record follows.</summary>
    private async ValueTask<(string Value, bool More)> ReadFieldAsync(CancellationToken cancellationToken)
    {
        _field.Clear();
        if (_position == _length && !await FillAsync(cancellationToken))
        {
            return (string.Empty, false);
        }

        if (_buffer[_position] == '"')
        {
            _position++;
            return await ReadQuotedAsync(cancellationToken);
        }

        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken))
            {
                return (_field.ToString(), false);
            }

            var span = _buffer.AsSpan(_position, _length - _position);
            var stop = span.IndexOfAny(',', '\r', '\n');
            if (stop < 0)
            {
                Append(span);
                _position = _length;
                continue;
            }

            Append(span[..stop]);
            _position += stop + 1;
            var c = span[stop];
            if (c == ',')
            {
                return (_field.ToString(), true);
            }

            await EndLineAsync(c, cancellationToken);
            return (_field.ToString(), false);
        }
    }

    private async ValueTask<(string Value, bool More)> ReadQuotedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken))
            {
                throw new CsvFormatException(RecordLine, "a quoted field is not closed.");
            }

            var span = _buffer.AsSpan(_position, _length - _position);
            var stop = span.IndexOfAny('"', '\n');
            if (stop < 0)
            {
                Append(span);
                _position = _length;
                continue;
            }

            Append(span[..stop]);
            _position += stop + 1;
            if (span[stop] == '\n')
            {
                // A line break inside quotes is part of the value; it still moves the line count for messages.
                _field.Append('\n');
                _line++;
                continue;
            }

            if (_position == _length && !await FillAsync(cancellationToken))
            {
                return (_field.ToString(), false);
            }

            var next = _buffer[_position];
            switch (next)
            {
                case '"':
                    _field.Append('"');
                    _position++;
                    continue;
                case ',':
                    _position++;
                    return (_field.ToString(), true);
                case '\r' or '\n':
                    _position++;
                    await EndLineAsync(next, cancellationToken);
                    return (_field.ToString(), false);
                default:
                    throw new CsvFormatException(_line, "a closing quote must be followed by a comma or the end of the line.");
            }
        }
    }

    /// <summary>Consumes the LF of a CRLF pair and counts the line.</summary>
    private async ValueTask EndLineAsync(char consumed, CancellationToken cancellationToken)
    {
        _line++;
        if (consumed == '\r' && (_position < _length || await FillAsync(cancellationToken)) && _buffer[_position] == '\n')
        {
            _position++;
        }
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_field.Length + chars.Length > MaxFieldLength)
        {
            throw new CsvFormatException(RecordLine, $"a field is longer than {MaxFieldLength} characters.");
        }

        _field.Append(chars);
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        try
        {
            _length = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            throw new CsvFormatException(_line, "the file is not valid UTF-8.");
        }

        _position = 0;
        return _length > 0;
    }
}
