using System.Reflection;
using CXGear.Api.DataTables;
using NJsonSchema;
using NSwag;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace CXGear.Api.OpenApi;

/// <summary>Describes the body of <see cref="CsvUploadAttribute"/> actions: the CSV as <c>text/csv</c>, or as a file part.</summary>
internal sealed class CsvUploadProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context.MethodInfo?.GetCustomAttribute<CsvUploadAttribute>() is null)
        {
            return true;
        }

        var body = new OpenApiRequestBody
        {
            IsRequired = true,
            Description = "The CSV; its header row names the columns. Streamed, up to 1 GiB.",
        };
        body.Content["text/csv"] = new OpenApiMediaType { Schema = new JsonSchema { Type = JsonObjectType.String } };
        var form = new JsonSchema { Type = JsonObjectType.Object };
        form.Properties["file"] = new JsonSchemaProperty
        {
            Type = JsonObjectType.String,
            Format = JsonFormatStrings.Binary,
            Description = "The CSV file (the first file part is read).",
        };
        form.RequiredProperties.Add("file");
        body.Content["multipart/form-data"] = new OpenApiMediaType { Schema = form };
        context.OperationDescription.Operation.RequestBody = body;
        return true;
    }
}
