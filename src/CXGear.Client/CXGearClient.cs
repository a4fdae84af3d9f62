using System.Net.Http.Headers;
using CXGear.Client.Generated;
using CXGear.Client.Http;

namespace CXGear.Client;

/// <summary>
/// The CXGear API for .NET callers: construct it with a base URL and an API key or a JWT (or sign in through it), call
/// the methods below, catch <see cref="CXGearApiException"/>. Every request goes through <see cref="ResilienceHandler"/>
/// (429/503 retried after <c>Retry-After</c>, one <c>Idempotency-Key</c> per logical request). Routes without a method
/// here are on <see cref="Raw"/>, the generated clients.
/// </summary>
public sealed partial class CXGearClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly CredentialHandler _credential;

    public CXGearClient(CXGearClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ApiKey is not null && options.AccessToken is not null)
        {
            throw new ArgumentException("Give an API key or an access token, not both.", nameof(options));
        }

        _credential = new CredentialHandler(options.ApiKey ?? options.AccessToken,
            new ResilienceHandler(options.Retry, options.InnerHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }));
        _http = new HttpClient(_credential, disposeHandler: options.InnerHandler is null)
        {
            // The generated clients use relative paths ("api/v1/…"), resolved against this; a trailing slash keeps any path prefix.
            BaseAddress = new Uri(options.BaseAddress.AbsoluteUri.TrimEnd('/') + "/"),
            // Each attempt has its own limit (RetryOptions.AttemptTimeout); waits for Retry-After may be long.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(ProductInfoHeaderValue.Parse(options.UserAgent.Replace(' ', '-')));
        Raw = new GeneratedClients(_http);
    }

    public static CXGearClient WithApiKey(Uri baseAddress, string apiKey, RetryOptions? retry = null) =>
        new(new CXGearClientOptions { BaseAddress = baseAddress, ApiKey = apiKey, Retry = retry ?? new RetryOptions() });

    public static CXGearClient WithAccessToken(Uri baseAddress, string accessToken, RetryOptions? retry = null) =>
        new(new CXGearClientOptions { BaseAddress = baseAddress, AccessToken = accessToken, Retry = retry ?? new RetryOptions() });

    /// <summary>No credential yet: for sign-up and sign-in, which then set the access token.</summary>
    public static CXGearClient Anonymous(Uri baseAddress, RetryOptions? retry = null) =>
        new(new CXGearClientOptions { BaseAddress = baseAddress, Retry = retry ?? new RetryOptions() });

    public GeneratedClients Raw { get; }

    public void Dispose() => _http.Dispose();

    /// <summary>Runs a generated call and turns its exception into <see cref="CXGearApiException"/>.</summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiException error)
        {
            throw ToApiException(error);
        }
    }

    private static async Task CallAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ApiException error)
        {
            throw ToApiException(error);
        }
    }

    internal static CXGearApiException ToApiException(ApiException error)
    {
        TimeSpan? retryAfter = null;
        if (error.Headers.TryGetValue("Retry-After", out var values) && values.FirstOrDefault() is { } value)
        {
            retryAfter = int.TryParse(value, out var seconds) ? TimeSpan.FromSeconds(seconds)
                : DateTimeOffset.TryParse(value, out var at) ? at - DateTimeOffset.UtcNow : null;
        }

        return new CXGearApiException(error.StatusCode, ApiProblem.TryParse(error.Response), retryAfter, error);
    }

    /// <summary>Sets <c>Authorization: Bearer</c> per request from a credential that sign-in can change.</summary>
    private sealed class CredentialHandler(string? bearer, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private volatile string? _bearer = bearer;

        public string? Bearer
        {
            get => _bearer;
            set => _bearer = value;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_bearer is { } token && request.Headers.Authorization is null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
