using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace CXGear.Api.Http;

/// <summary>
/// What the API believes about the client's address and scheme (docs/api.md#behind-a-proxy). <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are read only from the proxies and networks listed in <c>ForwardedHeaders:KnownProxies</c> /
/// <c>KnownNetworks</c>; with neither set, the middleware is not added at all, because ASP.NET Core's own default trusts
/// loopback and an empty list trusts everybody. Everything after it (rate limits, sessions, audit, a key's last used
/// address, HSTS) reads the connection as rewritten here.
/// </summary>
internal static class EdgeSetup
{
    /// <summary>Read once from configuration; the pipeline adds what this says.</summary>
    private sealed record EdgeSettings(bool TrustsProxies, bool RedirectsToHttps);

    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";
    public const string KnownNetworksKey = "ForwardedHeaders:KnownNetworks";
    public const string HttpsRedirectKey = "Https:Redirect";

    /// <summary>The port HTTPS redirects name when ASP.NET Core's <c>HTTPS_PORT</c> is not set: the proxy's, not Kestrel's.</summary>
    private const int DefaultHttpsPort = 443;

    public static IServiceCollection AddCXGearEdge(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Read(configuration, KnownProxiesKey, (string text, out IPAddress address) => IPAddress.TryParse(text, out address!));
        var networks = Read(configuration, KnownNetworksKey, (string text, out IPNetwork network) => IPNetwork.TryParse(text, out network));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }

            // Walk back through a chain of our own proxies (load balancer behind a CDN), stopping at the first address that
            // is not one of them: entries further left were written by the client and prove nothing.
            o.ForwardLimit = null;
        });

        var settings = new EdgeSettings(proxies.Count + networks.Count > 0, configuration.GetValue(HttpsRedirectKey, false));
        services.AddSingleton(settings);
        if (settings.RedirectsToHttps)
        {
            services.AddHttpsRedirection(o =>
                o.HttpsPort = configuration.GetValue<int?>("HTTPS_PORT") ?? DefaultHttpsPort);
        }

        return services;
    }

    /// <summary>First in the pipeline, so nothing reads the connection before the proxy's word is applied; HSTS and the redirect follow.</summary>
    public static WebApplication UseCXGearForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<EdgeSettings>().TrustsProxies)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    public static WebApplication UseCXGearHttps(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Sent on HTTPS responses only, which behind a TLS-terminating proxy means X-Forwarded-Proto from a known proxy.
            app.UseHsts();
        }

        if (app.Services.GetRequiredService<EdgeSettings>().RedirectsToHttps)
        {
            app.UseHttpsRedirection();
        }

        return app;
    }

    /// <summary>Each entry of an array key; one that does not parse stops start-up, naming the key and the value.</summary>
    private static List<T> Read<T>(IConfiguration configuration, string key, TryParse<T> parse)
    {
        var values = new List<T>();
        foreach (var entry in configuration.GetSection(key).GetChildren())
        {
            var text = entry.Value?.Trim() ?? string.Empty;
            if (!parse(text, out var value))
            {
                throw new InvalidOperationException(
                    $"{key} holds '{text}', which is not {(key == KnownNetworksKey ? "a network in CIDR notation (10.0.0.0/8)" : "an IP address")}.");
            }

            values.Add(value);
        }

        return values;
    }

    private delegate bool TryParse<T>(string text, out T value);
}
