namespace CXGear.Api.DataTables;

/// <summary>
/// The action reads its body with <see cref="CsvUpload"/> rather than through model binding, so the API explorer
/// sees no body; this tells the OpenAPI document to describe one (<c>text/csv</c> or a multipart file).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CsvUploadAttribute : Attribute;
