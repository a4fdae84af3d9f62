using System.Text;
using System.Text.Json;
using CXGear.Api.Controllers;
using CXGear.Application.DataTables.Common;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;

namespace CXGear.Api.Http;

/// <summary>
/// Binds the ingest routes' bodies (<see cref="IngestRecordsRequest"/>, <see cref="IngestWebhookRequest"/>) without
/// a JSON document. MVC's JSON formatter parsed <c>records</c> into a <c>JsonElement</c>: from the body's pipe in 4 KB
/// segments, then copied whole, then parsed again into the document's own tables. CPU samples of the ingest load test
/// put that at ~24 % of the API's time, and checking the records against the table another ~13 %. Here the body is
/// read once into one pooled array, one reader pass finds the two members (counting the records as it steps over
/// them), and <c>records</c> stays a slice of that array (<see cref="RecordsJson"/>) for <c>RecordBatch</c>'s single
/// pass. The array goes back to the pool when the response is done.
/// The rules are the JSON formatter's: one object, names in any case, other members ignored, no comments or
/// trailing commas, nesting up to the configured depth; anything else is the same 400 model error.
/// </summary>
internal sealed class RecordsBodyInputFormatter : InputFormatter
{
    private readonly JsonReaderOptions _options;

    public RecordsBodyInputFormatter(int maxDepth)
    {
        _options = new JsonReaderOptions { MaxDepth = maxDepth };
        SupportedMediaTypes.Add(MediaTypeHeaderValue.Parse("application/json"));
        SupportedMediaTypes.Add(MediaTypeHeaderValue.Parse("text/json"));
        SupportedMediaTypes.Add(MediaTypeHeaderValue.Parse("application/*+json"));
    }

    protected override bool CanReadType(Type type) => type == typeof(IngestRecordsRequest) || type == typeof(IngestWebhookRequest);

    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context)
    {
        var http = context.HttpContext;
        if (MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            && mediaType.Charset is { Length: > 0 } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(context, "The body must be UTF-8: send charset=utf-8, or no charset.");
        }

        var body = await RawBody.ReadRentedAsync(http.Request, PublicController.MaxIngestBytes, http.RequestAborted);
        http.Response.RegisterForDispose(body);

        var json = body.Memory;
        if (json.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            json = json[Encoding.UTF8.Preamble.Length..];
        }

        if (json.IsEmpty)
        {
            return Refuse(context, "A non-empty request body is required.");
        }

        try
        {
            return Read(context, json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a member name whose escapes are not text.
            context.ModelState.TryAddModelError("$", e, context.Metadata);
            return InputFormatterResult.Failure();
        }
    }

    private InputFormatterResult Read(InputFormatterContext context, ReadOnlyMemory<byte> json)
    {
        var withTableId = context.ModelType == typeof(IngestRecordsRequest);
        var reader = new Utf8JsonReader(json.Span, _options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The body is not a JSON object.");
        }

        var tableId = Guid.Empty;
        var records = RecordsJson.Missing;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = Member(ref reader);
            reader.Read();
            if (member == Members.Records)
            {
                records = RecordsJson.Read(ref reader, json);
            }
            else if (member == Members.DataTableId && withTableId)
            {
                if (reader.TokenType != JsonTokenType.String || !reader.TryGetGuid(out tableId))
                {
                    context.ModelState.TryAddModelError("$.dataTableId", "The JSON value is not an id.");
                    return InputFormatterResult.Failure();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        // Past the object: whitespace only (the reader throws on anything else, as the serializer does).
        reader.Read();
        return InputFormatterResult.Success(withTableId ? new IngestRecordsRequest(tableId, records) : new IngestWebhookRequest(records));
    }

    private enum Members
    {
        Other,
        DataTableId,
        Records,
    }

    /// <summary>The member a property name spells, in any case (the serializer's web defaults).</summary>
    private static Members Member(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Ascii.EqualsIgnoreCase(reader.ValueSpan, "records"u8) ? Members.Records
                : Ascii.EqualsIgnoreCase(reader.ValueSpan, "dataTableId"u8) ? Members.DataTableId
                : Members.Other;
        }

        var name = reader.GetString();
        return string.Equals(name, "records", StringComparison.OrdinalIgnoreCase) ? Members.Records
            : string.Equals(name, "dataTableId", StringComparison.OrdinalIgnoreCase) ? Members.DataTableId
            : Members.Other;
    }

    private static InputFormatterResult Refuse(InputFormatterContext context, string message)
    {
        context.ModelState.TryAddModelError(string.Empty, message);
        return InputFormatterResult.Failure();
    }
}
