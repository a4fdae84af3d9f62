namespace CXGear.Api.Http;

/// <summary>
/// The request body's bytes exactly as sent, for the inbound webhooks whose signature covers them (model binding would
/// re-encode them). Counted as they are read, so a chunked body over the cap is a 413 too, whether or not the server
/// enforces the limit <see cref="BodyLimitAttribute"/> set.
/// </summary>
public static class RawBody
{
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw BodyLimitAttribute.Exceeded(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
