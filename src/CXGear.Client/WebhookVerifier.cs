using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CXGear.Client;

/// <summary>
/// Verifies an event CXGear pushed to your endpoint, per the Standard Webhooks specification: the
/// <c>webhook-signature</c> header holds one or more <c>v1,&lt;base64 HMAC-SHA256&gt;</c> values (two during a secret's
/// 24-hour rotation grace) of <c>{webhook-id}.{webhook-timestamp}.{raw body}</c> under the endpoint's <c>whsec_…</c>
/// secret; any one matching is enough. The timestamp must be within <see cref="Tolerance"/> of now, so a captured
/// request cannot be replayed later. Verify the raw body bytes as received, before any JSON parsing.
/// </summary>
/// <example>
/// <code>
/// var verifier = new WebhookVerifier(Environment.GetEnvironmentVariable("CXGEAR_WEBHOOK_SECRET")!);
/// if (!verifier.Verify(Request.Headers["webhook-id"], Request.Headers["webhook-timestamp"], Request.Headers["webhook-signature"], body))
///     return Unauthorized();
/// </code>
/// </example>
public sealed class WebhookVerifier
{
    private const string SecretPrefix = "whsec_";
    private readonly byte[][] _keys;

    /// <param name="secrets">The endpoint's secret; while rotating on your side, the old and the new.</param>
    public WebhookVerifier(params string[] secrets)
    {
        if (secrets is null || secrets.Length == 0 || secrets.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one whsec_ secret is required.", nameof(secrets));
        }

        _keys = secrets.Select(s => Convert.FromBase64String(s.StartsWith(SecretPrefix, StringComparison.Ordinal) ? s[SecretPrefix.Length..] : s)).ToArray();
    }

    /// <summary>How far the timestamp may be from now, either way. Five minutes, as the specification suggests.</summary>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Now, for the timestamp check; tests replace it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>True when the timestamp is recent and a signature matches one of the secrets.</summary>
    public bool Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(webhookSignature)
            || !long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }

        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > Tolerance.TotalSeconds)
        {
            return false;
        }

        var content = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}");
        var expected = _keys.Select(key => HMACSHA256.HashData(key, content)).ToList();
        foreach (var candidate in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = candidate.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || candidate[..comma] != "v1")
            {
                continue;
            }

            byte[] given;
            try
            {
                given = Convert.FromBase64String(candidate[(comma + 1)..]);
            }
            catch (FormatException)
            {
                continue;
            }

            if (expected.Any(e => CryptographicOperations.FixedTimeEquals(e, given)))
            {
                return true;
            }
        }

        return false;
    }
}
