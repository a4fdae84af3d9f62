namespace CXGear.Application.Webhooks.Common;

/// <summary>One signed POST to an endpoint, through the guarded outbound handler (Infrastructure).</summary>
public interface IWebhookSender
{
    /// <summary>Never throws for the receiver's faults: a refusal, a timeout or a lost connection is a result with an error.</summary>
    Task<WebhookSendResult> SendAsync(WebhookSendRequest request, CancellationToken cancellationToken);
}

/// <param name="Signature">The <c>webhook-signature</c> value (one or two <c>v1,…</c> signatures).</param>
public sealed record WebhookSendRequest(string Url, string MessageId, long Timestamp, string Signature, string Body);

/// <param name="StatusCode">Null when no response came.</param>
public sealed record WebhookSendResult(int? StatusCode, string? Error, TimeSpan Latency)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
