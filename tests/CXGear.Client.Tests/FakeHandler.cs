using System.Net;

namespace CXGear.Client.Tests;

/// <summary>Answers from a script and remembers every request it was sent, with the headers as they were then.</summary>
internal sealed class FakeHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
{
    public List<(HttpMethod Method, string? IdempotencyKey, string? Body)> Seen { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Seen.Add((request.Method, key, body));
        var step = script[Math.Min(Seen.Count - 1, script.Length - 1)];
        return step(request);
    }

    public static HttpResponseMessage Status(HttpStatusCode status, string? body = null, TimeSpan? retryAfter = null, bool replayed = false)
    {
        var response = new HttpResponseMessage(status);
        if (body is not null)
        {
            response.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/problem+json");
        }

        if (retryAfter is { } after)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(after);
        }

        if (replayed)
        {
            response.Headers.Add("Idempotency-Replayed", "true");
        }

        return response;
    }

    public static Func<HttpRequestMessage, HttpResponseMessage> Always(HttpStatusCode status, string? body = null, TimeSpan? retryAfter = null) =>
        _ => Status(status, body, retryAfter);

    public static Func<HttpRequestMessage, HttpResponseMessage> Throws(Exception error) => _ => throw error;
}
