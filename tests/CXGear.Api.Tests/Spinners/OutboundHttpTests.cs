using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CXGear.Application;
using CXGear.Application.Spinners.Runtime;
using CXGear.Application.Spinners.Runtime.Outbound;
using CXGear.Domain.Spinners.Definitions;
using CXGear.Infrastructure.Spinners.Outbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Spinners;

/// <summary>
/// The real outbound stack (HttpClientFactory, resilience pipeline, guarded connector) against a real local server.
/// </summary>
public sealed class OutboundHttpTests
{
    private static readonly RunContext Context = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

    private static ServiceProvider Services(string[] allowedHosts, bool allowPrivate, int maxRetries = 3, int attemptTimeout = 10, int maxResponseBytes = 65536)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Runtime:Outbound:AllowPrivateNetworks"] = allowPrivate.ToString(),
            ["Runtime:Outbound:MaxRetries"] = maxRetries.ToString(CultureInfo.InvariantCulture),
            ["Runtime:Outbound:RetryBaseDelayMilliseconds"] = "20",
            ["Runtime:Outbound:AttemptTimeoutSeconds"] = attemptTimeout.ToString(CultureInfo.InvariantCulture),
            ["Runtime:Outbound:TotalTimeoutSeconds"] = "20",
            ["Runtime:Outbound:MaxResponseBytes"] = maxResponseBytes.ToString(CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < allowedHosts.Length; i++)
        {
            settings[$"Runtime:Outbound:AllowedHosts:{i}"] = allowedHosts[i];
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddApplication()
            .AddSpinnerRuntime(configuration)
            .BuildServiceProvider();
    }

    private static OutboundRequest Get(string url) => new("GET", new Uri(url), null, new Dictionary<string, string>());

    private static SpinnerDefinition Definition(string url)
    {
        var json = $$$"""
            {"steps":[
              {"id":"a1","type":"api_call","method":"POST","url":"{{{url}}}","body":"{\"phone\":\"{{payload.phone}}\"}","saveAs":"crm","next":"t1"},
              {"id":"t1","type":"tag","disposition":"Synced"}]}
            """;
        var result = SpinnerDefinition.Parse(json);
        Assert.That(result.Errors, Is.Empty);
        return result.Definition!;
    }

    private static Dictionary<string, JsonElement> Payload() => new() { ["phone"] = JsonSerializer.SerializeToElement("+351 912") };

    [Test]
    public async Task An_api_call_step_retries_a_503_and_succeeds()
    {
        await using var server = await LocalHttpServer.StartAsync(LocalHttpServer.Status(503), LocalHttpServer.Status(200, "{\"id\":\"c-9\"}", "application/json"));
        await using var services = Services(["127.0.0.1"], allowPrivate: true);
        var engine = services.GetRequiredService<SpinnerEngine>();

        var result = await engine.RunAsync(Definition($"http://127.0.0.1:{server.Port}/calls"), Payload(), Context, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(RecordStatus.Completed), result.Error);
        Assert.That(server.Hits, Is.EqualTo(2));
        Assert.That(result.Outputs["crm"]!.ToJsonString(), Is.EqualTo("{\"status\":200,\"body\":{\"id\":\"c-9\"}}"));
        Assert.That(result.Disposition, Is.EqualTo("Synced"));
        // Both attempts carried the same body and idempotency key, so the receiver can tell a retry from new work.
        Assert.That(server.Received.Select(r => (r.Method, r.Path, r.Body)).Distinct(), Is.EqualTo(new[] { ("POST", "/calls", "{\"phone\":\"+351 912\"}") }));
        Assert.That(server.Received.Select(r => r.IdempotencyKey).Distinct().Single(), Does.EndWith("-a1"));
    }

    [Test]
    public async Task Without_retries_the_same_503_fails_the_record()
    {
        await using var server = await LocalHttpServer.StartAsync(LocalHttpServer.Status(503), LocalHttpServer.Status(200));
        await using var services = Services(["127.0.0.1"], allowPrivate: true, maxRetries: 0);

        var result = await services.GetRequiredService<SpinnerEngine>().RunAsync(Definition($"http://127.0.0.1:{server.Port}/calls"), Payload(), Context, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(RecordStatus.Failed));
        Assert.That(result.Error, Does.EndWith("→ 503"));
        Assert.That(server.Hits, Is.EqualTo(1));
    }

    [Test]
    public async Task A_client_error_is_not_retried()
    {
        await using var server = await LocalHttpServer.StartAsync(LocalHttpServer.Status(400, "bad"), LocalHttpServer.Status(200));
        await using var services = Services(["127.0.0.1"], allowPrivate: true);

        var response = await services.GetRequiredService<IOutboundHttp>().SendAsync(Get($"http://127.0.0.1:{server.Port}/"), CancellationToken.None);

        Assert.That((response.Status, response.Body, server.Hits), Is.EqualTo((400, "bad", 1)));
    }

    [Test]
    public async Task A_host_off_the_allow_list_is_refused_without_a_request()
    {
        await using var server = await LocalHttpServer.StartAsync();
        await using var services = Services(["crm.example.com"], allowPrivate: true);

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() =>
            services.GetRequiredService<IOutboundHttp>().SendAsync(Get($"http://127.0.0.1:{server.Port}/"), CancellationToken.None));

        Assert.That(refused!.Message, Is.EqualTo("Host '127.0.0.1' is not on Runtime:Outbound:AllowedHosts."));
        Assert.That(server.Hits, Is.Zero);
    }

    [Test]
    public async Task A_port_the_allow_list_does_not_admit_is_refused_without_a_request()
    {
        await using var server = await LocalHttpServer.StartAsync(LocalHttpServer.Status(200));
        var otherPort = server.Port == 1 ? 2 : 1;
        await using var services = Services([$"127.0.0.1:{otherPort}"], allowPrivate: true);

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() =>
            services.GetRequiredService<IOutboundHttp>().SendAsync(Get($"http://127.0.0.1:{server.Port}/"), CancellationToken.None));

        Assert.That(refused!.Message, Is.EqualTo($"Port {server.Port} of '127.0.0.1' is not allowed by Runtime:Outbound:AllowedHosts."));
        Assert.That(server.Hits, Is.Zero);
    }

    [Test]
    public async Task The_port_an_entry_names_is_admitted()
    {
        await using var server = await LocalHttpServer.StartAsync(LocalHttpServer.Status(200, "ok"));
        await using var services = Services([$"127.0.0.1:{server.Port}"], allowPrivate: true);

        var response = await services.GetRequiredService<IOutboundHttp>().SendAsync(Get($"http://127.0.0.1:{server.Port}/"), CancellationToken.None);

        Assert.That((response.Status, response.Body, server.Hits), Is.EqualTo((200, "ok", 1)));
    }

    [TestCase("[::ffff:127.0.0.1]")]
    [TestCase("[::127.0.0.1]")]
    public async Task An_IPv6_literal_carrying_loopback_is_refused_at_connect_time_when_private_networks_are_off(string host)
    {
        await using var services = Services([host], allowPrivate: false);

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() =>
            services.GetRequiredService<IOutboundHttp>().SendAsync(Get($"http://{host}:8080/"), CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain("private, loopback or link-local"));
    }

    [Test]
    public async Task The_engine_records_a_refused_host_as_a_failed_record()
    {
        await using var server = await LocalHttpServer.StartAsync();
        await using var services = Services([], allowPrivate: true);

        var result = await services.GetRequiredService<SpinnerEngine>().RunAsync(Definition($"http://127.0.0.1:{server.Port}/calls"), Payload(), Context, CancellationToken.None);

        Assert.That((result.Status, result.Journey.Single().Outcome), Is.EqualTo((RecordStatus.Failed, "api_refused")));
        Assert.That(server.Hits, Is.Zero);
    }

    [TestCase("127.0.0.1")]
    [TestCase("localhost")]
    public async Task An_allowed_host_on_a_loopback_address_is_refused_when_private_networks_are_off(string host)
    {
        await using var server = await LocalHttpServer.StartAsync();
        await using var services = Services([host], allowPrivate: false);
        var watch = Stopwatch.StartNew();

        var refused = await Assert.ThrowsAsync<OutboundRefusedException>(() =>
            services.GetRequiredService<IOutboundHttp>().SendAsync(Get($"http://{host}:{server.Port}/"), CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain("private, loopback or link-local"));
        Assert.That(server.Hits, Is.Zero);
        // Refusals are not retried: with three retries from 20 ms that would take a noticeable while.
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task The_response_body_is_capped()
    {
        await using var server = await LocalHttpServer.StartAsync(LocalHttpServer.Status(200, new string('x', 5000)));
        await using var services = Services(["127.0.0.1"], allowPrivate: true, maxResponseBytes: 1024);

        var response = await services.GetRequiredService<IOutboundHttp>().SendAsync(Get($"http://127.0.0.1:{server.Port}/"), CancellationToken.None);

        Assert.That((response.Body.Length, response.Truncated), Is.EqualTo((1024, true)));
    }

    [Test]
    public async Task A_redirect_is_returned_not_followed()
    {
        await using var server = await LocalHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = "http://169.254.169.254/latest/meta-data";
            return Task.CompletedTask;
        });
        await using var services = Services(["127.0.0.1"], allowPrivate: true);

        var response = await services.GetRequiredService<IOutboundHttp>().SendAsync(Get($"http://127.0.0.1:{server.Port}/"), CancellationToken.None);

        Assert.That((response.Status, server.Hits), Is.EqualTo((302, 1)));
    }

    [Test]
    public async Task A_slow_server_times_out_as_a_failure()
    {
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
        });
        await using var services = Services(["127.0.0.1"], allowPrivate: true, maxRetries: 0, attemptTimeout: 1);

        var failed = await Assert.ThrowsAsync<OutboundFailedException>(() =>
            services.GetRequiredService<IOutboundHttp>().SendAsync(Get($"http://127.0.0.1:{server.Port}/"), CancellationToken.None));

        Assert.That(failed!.Message, Does.StartWith("No response within the time limit"));
    }
}
