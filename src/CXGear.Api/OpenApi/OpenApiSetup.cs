using NSwag;

namespace CXGear.Api.OpenApi;

/// <summary>The OpenAPI document (contract at /docs/openapi.json) and the Swagger UI at /docs.</summary>
internal static class OpenApiSetup
{
    public const string DocumentPath = "/docs/openapi.json";

    public static IServiceCollection AddCXGearOpenApi(this IServiceCollection services) =>
        services.AddOpenApiDocument(settings =>
        {
            settings.Title = "CXGear API";
            settings.Version = "v1";
            settings.Description = "Customer-outreach platform API. User routes take a user's JWT; /public/ingest and /public/trigger take "
                + "an organization API key (cxg_…); /public/data-tables/ingest/{token} takes a table's ingest token. "
                + "Every error is application/problem+json with a stable `errorCode`; each error response lists its codes in `x-error-codes`.";
            settings.UseControllerSummaryAsTagDescription = true;

            // Order matters: the body must exist before errors are derived from it, and the limits headers go on the
            // 429/423 responses the error processor creates.
            settings.OperationProcessors.Add(new CsvUploadProcessor());
            settings.OperationProcessors.Add(new SecurityProcessor());
            settings.OperationProcessors.Add(new RequiredHeadersProcessor());
            settings.OperationProcessors.Add(new ResponsesProcessor());
            settings.OperationProcessors.Add(new LimitsOperationProcessor());
            settings.OperationProcessors.Add(new ExamplesProcessor());
            settings.DocumentProcessors.Add(new ContractDocumentProcessor());
        });

    public const string EnabledKey = "Docs:Enabled";

    /// <summary>Serves the document and Swagger UI unless <c>Docs:Enabled</c> is false; then every /docs path is a plain 404.</summary>
    public static WebApplication UseCXGearOpenApi(this WebApplication app)
    {
        if (!app.Configuration.GetValue(EnabledKey, true))
        {
            return app;
        }

        app.UseOpenApi(s =>
        {
            s.Path = DocumentPath;

            // NSwag puts the requesting host here; a relative server keeps the document the same on every host (and in the
            // committed snapshot) while Swagger UI and clients still resolve it against where they got it from.
            s.PostProcess = (document, _) =>
            {
                document.Servers.Clear();
                document.Servers.Add(new OpenApiServer { Url = "/", Description = "The host serving this document (locally http://localhost:3000)." });
            };
        });
        app.UseSwaggerUi(s =>
        {
            s.Path = "/docs";
            s.DocumentPath = DocumentPath;
            s.AdditionalSettings["showExtensions"] = true;
        });
        return app;
    }
}
