using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CXGear.Api.Tests.Infrastructure;

/// <summary>
/// Just enough of an SMTP server on a loopback port to see what a client says before it would send mail: it greets,
/// answers EHLO (offering STARTTLS or not), accepts AUTH and MAIL without checking anything, and cannot speak TLS, so a
/// client that starts TLS ends the session there. <see cref="Session"/> completes with the commands received, in order,
/// when the one connection it serves closes.
/// </summary>
public sealed class FakeSmtpServer : IDisposable
{
    /// <summary>What <see cref="Session"/> holds when the client's first bytes were a TLS handshake instead of SMTP.</summary>
    public const string TlsHandshake = "<TLS ClientHello>";

    private const byte TlsHandshakeRecord = 0x16;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource<IReadOnlyList<string>> _session = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _offersStartTls;

    public FakeSmtpServer(bool offersStartTls)
    {
        _offersStartTls = offersStartTls;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = ServeAsync();
    }

    public int Port { get; }

    public Task<IReadOnlyList<string>> Session => _session.Task;

    public void Dispose() => _listener.Stop();

    private async Task ServeAsync()
    {
        var commands = new List<string>();
        try
        {
            using var client = await _listener.AcceptTcpClientAsync();
            await using var stream = client.GetStream();
            await WriteAsync(stream, "220 fake.test ESMTP");
            await ConverseAsync(stream, commands);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The client hung up (it refused to go on without TLS, or its handshake failed): the session is over.
        }

        _session.TrySetResult(commands);
    }

    private async Task ConverseAsync(NetworkStream stream, List<string> commands)
    {
        while (await ReadLineAsync(stream) is { } line)
        {
            if (line.Length > 0 && line[0] == (char)TlsHandshakeRecord)
            {
                commands.Add(TlsHandshake);
                return;
            }

            commands.Add(line);
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await WriteAsync(stream, "250-fake.test" + (_offersStartTls ? "\r\n250-STARTTLS" : string.Empty) + "\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME");
                    break;
                case "STARTTLS":
                    await WriteAsync(stream, "220 2.0.0 Ready to start TLS");
                    return;
                case "AUTH":
                    await WriteAsync(stream, "235 2.7.0 Authentication successful");
                    break;
                case "DATA":
                    await WriteAsync(stream, "354 Go ahead");
                    while (await ReadLineAsync(stream) is { } body && body != ".")
                    {
                    }

                    await WriteAsync(stream, "250 2.0.0 Queued");
                    break;
                case "QUIT":
                    await WriteAsync(stream, "221 2.0.0 Bye");
                    return;
                default:
                    await WriteAsync(stream, "250 2.0.0 OK");
                    break;
            }
        }
    }

    private static Task WriteAsync(NetworkStream stream, string reply) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n")).AsTask();

    /// <summary>One line without its CRLF, or null at the end of the stream; a TLS record comes back as its first byte.</summary>
    private static async Task<string?> ReadLineAsync(NetworkStream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            if (line.Length == 0 && one[0] == TlsHandshakeRecord)
            {
                return ((char)TlsHandshakeRecord).ToString();
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        return line.Length > 0 ? line.ToString() : null;
    }
}
