using System.Diagnostics;
using System.Text;
using CXGear.Application.Spinners.Runtime.Outbound;
using CXGear.Application.Webhooks.Common;
using Microsoft.Extensions.Options;

namespace CXGear.Infrastructure.Webhooks;

/// <summary>
/// Posts a signed event with the Standard Webhooks headers through the <see cref="ClientName"/> client, whose primary
/// handler is the guarded connector (no redirects, no proxy, every resolved address checked at connect time; private
/// ones only where <see cref="WebhookOptions.AllowPrivateNetworks"/>). One attempt, one timeout: retries are the
/// dispatcher's schedule, hours apart, not a resilience pipeline's seconds. The response body is not read.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options) : IWebhookSender
{
    public const string ClientName = "webhooks";
    public const string UserAgent = "CXGear-Webhooks/1";

    public async Task<WebhookSendResult> SendAsync(WebhookSendRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
        };
        message.Headers.TryAddWithoutValidation("webhook-id", request.MessageId);
        message.Headers.TryAddWithoutValidation("webhook-timestamp", request.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Headers.TryAddWithoutValidation("webhook-signature", request.Signature);
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        var seconds = Math.Max(1, options.Value.TimeoutSeconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        var timer = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return new WebhookSendResult(status, status is >= 200 and < 300 ? null : $"HTTP {status}", Stopwatch.GetElapsedTime(timer));
        }
        catch (Exception exception) when (Refusal(exception) is { } refused)
        {
            return new WebhookSendResult(null, $"Refused: {refused.Message}", Stopwatch.GetElapsedTime(timer));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(null, $"No response within {seconds} s.", Stopwatch.GetElapsedTime(timer));
        }
        catch (HttpRequestException exception)
        {
            return new WebhookSendResult(null, $"No response ({exception.HttpRequestError}).", Stopwatch.GetElapsedTime(timer));
        }
        catch (OutboundFailedException exception)
        {
            return new WebhookSendResult(null, exception.Message, Stopwatch.GetElapsedTime(timer));
        }
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
