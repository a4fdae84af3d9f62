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
