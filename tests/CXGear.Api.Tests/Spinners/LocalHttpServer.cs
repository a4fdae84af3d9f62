using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CXGear.Api.Tests.Spinners;

/// <summary>A real Kestrel server on 127.0.0.1 and a free port, answering each request with the next scripted handler.</summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<Func<HttpContext, Task>> _script;
    private int _hits;

    private LocalHttpServer(WebApplication app, Queue<Func<HttpContext, Task>> script)
    {
        _app = app;
        _script = script;
    }

    public int Hits => Volatile.Read(ref _hits);

    public List<(string Method, string Path, string Body, string? IdempotencyKey)> Received { get; } = [];

    public int Port => new Uri(_app.Urls.First()).Port;

    public static async Task<LocalHttpServer> StartAsync(params Func<HttpContext, Task>[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalHttpServer(app, new Queue<Func<HttpContext, Task>>(script));
        app.Run(server.Handle);
        await app.StartAsync();
        return server;
    }

    public static Func<HttpContext, Task> Status(int status, string body = "", string contentType = "text/plain") => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Handle(HttpContext context)
    {
        Interlocked.Increment(ref _hits);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Func<HttpContext, Task> next;
        lock (_script)
        {
            Received.Add((context.Request.Method, context.Request.Path.Value ?? "", body, context.Request.Headers["Idempotency-Key"].FirstOrDefault()));
            next = _script.Count > 0 ? _script.Dequeue() : Status(200);
        }

        await next(context);
    }
}
