using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CXGear.Api.Tests.Webhooks;

/// <summary>
/// A real Kestrel server on 127.0.0.1 standing for an integrator's endpoint: it keeps every request's webhook headers
/// and raw body, answers with the next scripted handler (200 once the script is spent), and signals each arrival.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<Func<HttpContext, Task>> _script;

    private WebhookReceiver(WebApplication app, Queue<Func<HttpContext, Task>> script)
    {
        _app = app;
        _script = script;
    }

    public sealed record Received(string Id, string Timestamp, string Signature, string ContentType, string Body);

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Completed by the next request's arrival (before its answer).</summary>
    public TaskCompletionSource Arrived { get; private set; } = NewSignal();

    public string Url => $"{_app.Urls.First()}/hooks";

    public static async Task<WebhookReceiver> StartAsync(params Func<HttpContext, Task>[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new Queue<Func<HttpContext, Task>>(script));
        app.Run(receiver.Handle);
        await app.StartAsync();
        return receiver;
    }

    public static Func<HttpContext, Task> Status(int status) => context =>
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task Handle(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        Requests.Enqueue(new Received(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), headers.ContentType.ToString(), body));
        Func<HttpContext, Task> next;
        TaskCompletionSource arrived;
        lock (_script)
        {
            next = _script.Count > 0 ? _script.Dequeue() : Status(200);
            arrived = Arrived;
            Arrived = NewSignal();
        }

        arrived.TrySetResult();
        await next(context);
    }
}
