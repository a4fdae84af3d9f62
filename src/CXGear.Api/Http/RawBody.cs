using System.Buffers;

namespace CXGear.Api.Http;

/// <summary>
/// The request body's bytes exactly as sent: for the inbound webhooks whose signature covers them (model binding would
/// re-encode them), and for the ingest routes' records, read without a JSON document. Counted as they are read, so a
/// chunked body over the cap is a 413 too, whether or not the server enforces the limit <see cref="BodyLimitAttribute"/> set.
/// </summary>
public static class RawBody
{
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        using var body = await ReadRentedAsync(request, maxBytes, cancellationToken);
        return body.Memory.ToArray();
    }

    /// <summary>
    /// The body in one array rented from the shared pool (sized from <c>Content-Length</c> when there is one, so a
    /// declared body is read in place without a second copy); disposing the result gives the array back.
    /// </summary>
    public static async Task<Rented> ReadRentedAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        // One byte over the declared length, so the read that finds the end needs no bigger array.
        var body = new Rented(request.ContentLength is > 0 and var declared && declared < maxBytes ? (int)declared + 1 : 16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(body.Free(), cancellationToken)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    throw BodyLimitAttribute.Exceeded(maxBytes);
                }

                body.Advance(read);
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>Bytes in an array rented from <see cref="ArrayPool{T}.Shared"/>, grown by renting a bigger one.</summary>
    public sealed class Rented(int capacity) : IDisposable
    {
        private byte[]? _array = ArrayPool<byte>.Shared.Rent(capacity);

        public int Length { get; private set; }

        public ReadOnlyMemory<byte> Memory => (_array ?? throw new ObjectDisposedException(nameof(Rented))).AsMemory(0, Length);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } array)
            {
                ArrayPool<byte>.Shared.Return(array);
            }
        }

        internal Memory<byte> Free()
        {
            var array = _array!;
            if (Length == array.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(array.Length * 2);
                array.AsSpan().CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(array);
                _array = array = bigger;
            }

            return array.AsMemory(Length);
        }

        internal void Advance(int count) => Length += count;
    }
}
