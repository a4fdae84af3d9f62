using System.Security.Cryptography;
using System.Text;

namespace CXGear.Domain.Webhooks;

/// <summary>
/// Standard Webhooks signing: <c>v1,</c> and the base64 HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>
/// under the secret's key. Several secrets (a rotation's grace) give several space-separated signatures; a receiver
/// accepts the message when any one matches, so existing verification libraries work unchanged.
/// </summary>
public static class WebhookSignature
{
    public static string Sign(string messageId, long timestamp, string body, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(secret => "v1," + Compute(messageId, timestamp, body, secret)));

    private static string Compute(string messageId, long timestamp, string body, string secret)
    {
        var content = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return Convert.ToBase64String(HMACSHA256.HashData(WebhookSecret.Key(secret), content));
    }
}
