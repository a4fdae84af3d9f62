using System.Text;

namespace CXGear.Cli.Ingest;

/// <summary>A CSV file the reader cannot take, at a 1-based line.</summary>
internal sealed class CsvFormatException(long line, string problem) : Exception($"line {line}: {problem}")
{
    public long Line { get; } = line;
}

/// <summary>
/// A streaming RFC 4180 reader with the rules of the API's own CSV import: comma-separated, fields optionally in double
/// quotes, <c>""</c> for a quote inside quotes, commas and line breaks allowed inside quotes, CRLF, LF or CR line ends,
/// UTF-8 with or without a BOM (other bytes are an error), blank lines skipped, a quote inside an unquoted field kept as
/// it is, a field at most 10,000 characters (the API's cap on a value). It holds one 64 KiB buffer and the current
/// record, never the file. Synchronous on purpose: it runs on its own thread, and local file reads rarely block.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    public const int MaxFieldLength = 10_000;

    private const int BufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly StreamReader _reader;
    private readonly char[] _buffer = new char[BufferSize];
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private int _position;
    private int _length;
    private long _line = 1;

    public CsvRecordReader(Stream stream)
    {
        _stream = stream;
        _reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, BufferSize, leaveOpen: false);
    }

    /// <summary>The 1-based line on which the record last returned starts (a record may span lines).</summary>
    public long RecordLine { get; private set; }

    /// <summary>Bytes of the file consumed so far (read ahead by at most one buffer): good enough for progress.</summary>
    public long BytesRead => _stream.Position;

    public static CsvRecordReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan));

    /// <summary>The next record's fields, or null at the end of the file.</summary>
    public string[]? Read()
    {
        if (!SkipBlankLines())
        {
            return null;
        }

        RecordLine = _line;
        _fields.Clear();
        while (ReadField())
        {
        }

        return [.. _fields];
    }

    public void Dispose() => _reader.Dispose();

    private bool SkipBlankLines()
    {
        while (true)
        {
            if (_position == _length && !Fill())
            {
                return false;
            }

            var c = _buffer[_position];
            if (c is not ('\r' or '\n'))
            {
                return true;
            }

            _position++;
            EndLine(c);
        }
    }

    /// <summary>Reads one field into the record; true when another field of the same record follows.</summary>
    private bool ReadField()
    {
        _field.Clear();
        if (_position == _length && !Fill())
        {
            return Add(more: false);
        }

        if (_buffer[_position] == '"')
        {
            _position++;
            return ReadQuoted();
        }

        while (true)
        {
            if (_position == _length && !Fill())
            {
                return Add(more: false);
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
            if (span[stop] == ',')
            {
                return Add(more: true);
            }

            EndLine(span[stop]);
            return Add(more: false);
        }
    }

    private bool ReadQuoted()
    {
        while (true)
        {
            if (_position == _length && !Fill())
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
                // A line break inside quotes belongs to the value; it still counts for line numbers.
                _field.Append('\n');
                _line++;
                continue;
            }

            if (_position == _length && !Fill())
            {
                return Add(more: false);
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
                    return Add(more: true);
                case '\r' or '\n':
                    _position++;
                    EndLine(next);
                    return Add(more: false);
                default:
                    throw new CsvFormatException(_line, "a closing quote must be followed by a comma or the end of the line.");
            }
        }
    }

    private bool Add(bool more)
    {
        _fields.Add(_field.ToString());
        return more;
    }

    /// <summary>Counts the line and consumes the LF of a CRLF pair.</summary>
    private void EndLine(char consumed)
    {
        _line++;
        if (consumed == '\r' && (_position < _length || Fill()) && _buffer[_position] == '\n')
        {
            _position++;
        }
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_field.Length + chars.Length > MaxFieldLength)
        {
            throw new CsvFormatException(RecordLine, $"a field is longer than {MaxFieldLength:N0} characters (the API's limit on a value).");
        }

        _field.Append(chars);
    }

    private bool Fill()
    {
        try
        {
            _length = _reader.Read(_buffer, 0, _buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            // Decoding works a buffer at a time, so the bad bytes are at or after this line.
            throw new CsvFormatException(_line, "the file is not valid UTF-8 (at or after this line).");
        }

        _position = 0;
        return _length > 0;
    }
}
