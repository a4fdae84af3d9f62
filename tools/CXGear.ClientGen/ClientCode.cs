using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace CXGear.ClientGen;

/// <summary>
/// The one place the generated client's settings live: the regeneration command and the drift test both call
/// <see cref="GenerateAsync"/>, so the committed file can only be what these settings make of docs/openapi.json.
/// </summary>
public static class ClientCode
{
    public const string DocumentPath = "docs/openapi.json";

    public const string GeneratedPath = "src/CXGear.Client/Generated/CXGearApi.g.cs";

    public static async Task<string> GenerateAsync(string openApiJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(openApiJson);
        LoosenCallerJson(document);
        var settings = new CSharpClientGeneratorSettings
        {
            // One client per controller, methods from the operation id's action (Public_Ingest → PublicClient.IngestAsync).
            ClassName = "{controller}Client",
            OperationNameGenerator = new MultipleClientsFromOperationIdOperationNameGenerator(),
            GenerateClientInterfaces = false,
            // The HttpClient (base address, credential, retry handler) is built by CXGearClient and shared by every client.
            UseBaseUrl = false,
            InjectHttpClient = true,
            DisposeHttpClient = false,
            GenerateOptionalParameters = true,
            ExceptionClass = "ApiException",
            CSharpGeneratorSettings =
            {
                Namespace = "CXGear.Client.Generated",
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                GenerateNullableReferenceTypes = true,
                GenerateDataAnnotations = false,
                ClassStyle = CSharpClassStyle.Poco,
                ArrayType = "System.Collections.Generic.List",
                ArrayInstanceType = "System.Collections.Generic.List",
                DictionaryType = "System.Collections.Generic.Dictionary",
                DictionaryInstanceType = "System.Collections.Generic.Dictionary",
            },
        };
        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        // Git and the editorconfig want LF and a final newline, whatever the generator's platform wrote.
        return code.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
    }

    /// <summary>
    /// Request members that carry the caller's own JSON (record batches, spinner definitions) are typed <c>object</c> in
    /// the client, not as the document's shapes: a caller streams its own serialization there (the tool sends CSV
    /// batches through a converter, never building dictionaries) and the server validates them anyway. The contract
    /// keeps the exact shapes for readers and the lint; answers keep their generated types.
    /// </summary>
    private static void LoosenCallerJson(OpenApiDocument document)
    {
        (string Schema, string Property)[] members =
        [
            ("IngestRecordsRequest", "records"),
            ("IngestWebhookRequest", "records"),
            ("TriggerRequest", "records"),
            ("CreateSpinnerRequest", "definition"),
            ("UpdateSpinnerRequest", "definition"),
        ];
        foreach (var (schema, property) in members)
        {
            if (!document.Definitions.TryGetValue(schema, out var owner) || !owner.Properties.TryGetValue(property, out var shaped))
            {
                throw new InvalidOperationException($"docs/openapi.json has no {schema}.{property}: update ClientCode.LoosenCallerJson.");
            }

            owner.Properties[property] = new NJsonSchema.JsonSchemaProperty { Description = shaped.Description, IsNullableRaw = shaped.IsNullableRaw };
        }

        // A cell is a string, number, boolean or null: NSwag turns that oneOf into double?, which would fail on the
        // first string. As "any JSON value" it becomes object, which System.Text.Json reads as a JsonElement.
        if (document.Definitions.TryGetValue("DataRowDto", out var row) && row.Properties.TryGetValue("values", out var values))
        {
            values.AdditionalPropertiesSchema = new NJsonSchema.JsonSchema();
        }

        // Nothing in the client refers to these any more; generated, they would only mislead (IngestRecord as double?).
        document.Definitions.Remove("IngestRecord");
        document.Definitions.Remove("CellValue");
    }

    /// <summary>The folder holding CXGear.sln, found upwards from the working directory or the binary.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CXGear.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run inside the repository (no CXGear.sln found upwards).");
    }
}
