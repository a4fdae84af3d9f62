using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using CXGear.Application.Jobs.Runtime;
using CXGear.Application.Spinners.Runtime.Outbound;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CXGear.Infrastructure.Spinners.Outbound;

/// <summary>
/// Sends api_call requests through the <see cref="ClientName"/> client, whose handler chain holds the resilience
/// pipeline (total timeout → retries → per-attempt timeout) and the guarded connector. The allow-list (hosts and
/// ports, <see cref="OutboundDestinations"/>) is checked here, before anything leaves the process; the address check
/// happens at connect time in <see cref="GuardedConnector"/>.
/// </summary>
/// <remarks>
/// Each request that went out is timed into <see cref="RuntimeMetrics.OutboundDurationName"/> (wall clock, retries
/// included) with its status class only: the URL, headers and body may carry a customer's credentials.
/// </remarks>
internal sealed class OutboundHttp(IHttpClientFactory clients, IOutboundDestinations destinations, IOptions<OutboundHttpOptions> options, RuntimeMetrics metrics) : IOutboundHttp
{
    public const string ClientName = "spinner-outbound";

    public async Task<OutboundResponse> SendAsync(OutboundRequest request, CancellationToken cancellationToken)
    {
        if (destinations.RefusalBeforeCall(request.Url) is { } refusal)
        {
            throw new OutboundRefusedException(refusal);
        }

        using var message = Build(request);
        var timer = Stopwatch.GetTimestamp();
        int? status = null;
        var timed = true;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            status = (int)response.StatusCode;
            var (body, truncated) = await ReadCappedAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken);
            return new OutboundResponse(status.Value, body, response.Content.Headers.ContentType?.ToString(), truncated);
        }
        catch (Exception exception) when (Refusal(exception) is { } refused)
        {
            // Refused at connect time: nothing reached the destination, so there is no call to time.
            timed = false;
            throw refused;
        }
        catch (HttpRequestException exception)
        {
            throw new OutboundFailedException($"No response ({exception.HttpRequestError}).", exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new OutboundFailedException($"No response within the time limit ({options.Value.TotalTimeoutSeconds}s in all, {options.Value.AttemptTimeoutSeconds}s per attempt).", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OutboundFailedException("No response within the time limit.", exception);
        }
        finally
        {
            // A call the record stopped (its deadline, a shutdown) says nothing about the destination either.
            if (timed && (status is not null || !cancellationToken.IsCancellationRequested))
            {
                metrics.OutboundCallEnded(status, Stopwatch.GetElapsedTime(timer));
            }
        }
    }

    private static HttpRequestMessage Build(OutboundRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in request.Headers)
        {
            if (message.Headers.TryAddWithoutValidation(name, value))
            {
                continue;
            }

            // Content headers (Content-Type, Content-Language…) belong to the body; without a body they are dropped.
            if (message.Content is not null)
            {
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    /// <summary>Reads at most <paramref name="cap"/> bytes, so a huge or endless response cannot exhaust memory.</summary>
    private static async Task<(string Body, bool Truncated)> ReadCappedAsync(HttpContent content, int cap, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[cap + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var truncated = read > cap;
        var charset = content.Headers.ContentType?.CharSet;
        var encoding = Encoding.UTF8;
        if (charset is not null)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset is read as UTF-8 rather than failing the call.
            }
        }

        return (encoding.GetString(buffer, 0, Math.Min(read, cap)), truncated);
    }

    private static OutboundRefusedException? Refusal(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is OutboundRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
