namespace CXGear.Csv;

/// <summary>
/// The text on its way from the decoder to Sep, with the two things Sep cannot be told:
/// <list type="bullet">
/// <item>A quote is special only at the start of a field (and inside a quoted field). Sep pairs quotes wherever they are,
/// so an odd quote inside an unquoted field (<c>5" screen</c>) would swallow the rest of the file into one field. Such a
/// literal quote is passed on doubled (<c>5"" screen</c>): Sep then sees a balanced pair, splits the line where this
/// dialect does, and <see cref="CsvRecordReader"/> halves the quotes of any unquoted field again.</item>
/// <item>Sep holds a whole record in memory. A stray quote or a file without line breaks would make that record the
/// whole file, so the text ends (as if at the end of the file) once a field, quoted or not, passes
/// <see cref="CsvRecordReader.MaxFieldLength"/> characters or, when a field cap is given, once a record is longer than
/// any record within the caps can be. The reader then finds the over-long field or the extra fields in what it got
/// and refuses the record as it always did.</item>
/// </list>
/// It looks only at quotes and, between them, at the last separator and line break: the runs in between are found with
/// vectorized searches and copied as they are.
/// </summary>
internal sealed class QuoteGuard(TextReader inner, int maxRecordLength) : TextReader
{
    private const int BufferSize = 64 * 1024;

    private readonly char[] _buffer = new char[BufferSize];
    private int _position;
    private int _length;
    private State _state = State.Outside;

    /// <summary>The last character outside quotes; a line break stands for the start of the input.</summary>
    private char _previous = '\n';

    /// <summary>Characters of the current quoted field's value, of the current unquoted field, of the current record.</summary>
    private int _quotedLength;
    private long _unquotedLength;
    private long _recordLength;
    private bool _extraQuote;
    private bool _ended;

    private enum State
    {
        Outside,
        InQuotes,

        /// <summary>Inside quotes, a quote was the last character read: the next one says whether it closes the field.</summary>
        QuoteInQuotes,
    }

    public override int Read(Span<char> buffer)
    {
        while (true)
        {
            var written = Drain(buffer);
            if (written > 0 || buffer.IsEmpty || _ended)
            {
                return written;
            }

            _length = inner.Read(_buffer, 0, _buffer.Length);
            _position = 0;
            _ended = _length == 0;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var written = Drain(buffer.Span);
            if (written > 0 || buffer.IsEmpty || _ended)
            {
                return written;
            }

            _length = await inner.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            _position = 0;
            _ended = _length == 0;
        }
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Peek() => -1;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Passes on what is buffered (never reading more); 0 when the buffer is empty or the text has ended.</summary>
    private int Drain(Span<char> destination)
    {
        var written = 0;
        while (written < destination.Length)
        {
            if (_extraQuote)
            {
                destination[written++] = '"';
                _extraQuote = false;
                continue;
            }

            if (_ended || _position == _length)
            {
                break;
            }

            var input = _buffer.AsSpan(_position, Math.Min(_length - _position, destination.Length - written));
            var passed = Scan(input);
            input[..passed].CopyTo(destination[written..]);
            written += passed;
            _position += passed;
            if (_quotedLength > CsvRecordReader.MaxFieldLength || _unquotedLength > CsvRecordReader.MaxFieldLength || _recordLength > maxRecordLength)
            {
                // Enough for the reader to see what is wrong with this record; nothing after it is needed.
                _ended = true;
            }
        }

        return written;
    }

    /// <summary>
    /// Follows the quoting through <paramref name="input"/> and returns how many of its characters pass unchanged;
    /// when the last of them is a literal quote, <see cref="_extraQuote"/> asks for a second one after it.
    /// </summary>
    private int Scan(ReadOnlySpan<char> input)
    {
        var i = 0;
        while (i < input.Length)
        {
            switch (_state)
            {
                case State.QuoteInQuotes when input[i] == '"':
                    // "" inside quotes: one quote of the value.
                    _state = State.InQuotes;
                    _quotedLength++;
                    _recordLength++;
                    i++;
                    break;
                case State.QuoteInQuotes:
                    // The quote closed the field; this character is outside quotes (anything but a comma or a line
                    // break is the reader's error to report).
                    _state = State.Outside;
                    _previous = '"';
                    break;
                case State.InQuotes:
                {
                    var rest = input[i..];
                    var quote = rest.IndexOf('"');
                    var run = quote < 0 ? rest.Length : quote + 1;
                    _quotedLength += quote < 0 ? run : quote;
                    _recordLength += run;
                    i += run;
                    if (quote >= 0)
                    {
                        _state = State.QuoteInQuotes;
                    }

                    break;
                }

                default:
                {
                    var rest = input[i..];
                    var quote = rest.IndexOf('"');
                    var stretch = quote < 0 ? rest : rest[..quote];
                    if (!stretch.IsEmpty)
                    {
                        var separator = stretch.LastIndexOfAny(',', '\r', '\n');
                        _unquotedLength = separator < 0 ? _unquotedLength + stretch.Length : stretch.Length - separator - 1;
                        var lineBreak = separator < 0 || stretch[separator] != ',' ? separator : stretch[..separator].LastIndexOfAny('\r', '\n');
                        _recordLength = lineBreak < 0 ? _recordLength + stretch.Length : stretch.Length - lineBreak - 1;
                        _previous = stretch[^1];
                    }

                    if (quote < 0)
                    {
                        return input.Length;
                    }

                    i += quote + 1;
                    _recordLength++;
                    if (_previous is ',' or '\r' or '\n')
                    {
                        _state = State.InQuotes;
                        _quotedLength = 0;
                        _unquotedLength = 0;
                        break;
                    }

                    // A quote inside an unquoted field is a character of it.
                    _unquotedLength++;
                    _previous = '"';
                    _extraQuote = true;
                    return i;
                }
            }
        }

        return i;
    }
}
