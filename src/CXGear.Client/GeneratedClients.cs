using CXGear.Client.Generated;

namespace CXGear.Client;

/// <summary>
/// The NSwag-generated clients (one per API controller, methods named from the operation ids), sharing one
/// <see cref="HttpClient"/>. This file and <see cref="CXGearClient"/> are the only hand-written code that names
/// generated operations, so a regenerated client with other names is fixed here, not in every caller.
/// </summary>
public sealed class GeneratedClients
{
    internal GeneratedClients(HttpClient http)
    {
        // Error bodies are read as text so CXGearApiException can keep the whole problem document.
        Auth = new AuthClient(http) { ReadResponseAsString = true };
        ApiKeys = new ApiKeysClient(http) { ReadResponseAsString = true };
        Projects = new ProjectsClient(http) { ReadResponseAsString = true };
        DataTables = new DataTablesClient(http) { ReadResponseAsString = true };
        Spinners = new SpinnersClient(http) { ReadResponseAsString = true };
        Jobs = new JobsClient(http) { ReadResponseAsString = true };
        Public = new PublicClient(http) { ReadResponseAsString = true };
        PublicRead = new PublicReadClient(http) { ReadResponseAsString = true };
        Me = new MeClient(http) { ReadResponseAsString = true };
        Webhooks = new WebhooksClient(http) { ReadResponseAsString = true };
    }

    public AuthClient Auth { get; }

    public ApiKeysClient ApiKeys { get; }

    public ProjectsClient Projects { get; }

    public DataTablesClient DataTables { get; }

    public SpinnersClient Spinners { get; }

    public JobsClient Jobs { get; }

    public PublicClient Public { get; }

    public PublicReadClient PublicRead { get; }

    public MeClient Me { get; }

    /// <summary>Outbound webhook endpoints, their secrets and delivery logs; verify what they push with <see cref="WebhookVerifier"/>.</summary>
    public WebhooksClient Webhooks { get; }
}
