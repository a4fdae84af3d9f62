using CXGear.Domain.Common;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CXGear.Api.DataTables;

/// <summary>
/// The CSV of an import or append as a stream, never buffered: a <c>text/csv</c> body as it arrives, or the first
/// file part of a <c>multipart/form-data</c> body read section by section (IFormFile would spool the file first).
/// </summary>
internal static class CsvUpload
{
    /// <summary>
    /// 1 GiB: a CSV import is the one route meant for big files (the default cap is 30 MB). Memory does not grow
    /// with it: the body streams through the parser into the database in batches.
    /// </summary>
    public const long MaxBytes = 1L << 30;

    public static async Task<Stream> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            throw Unsupported();
        }

        if (contentType.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
            || contentType.MediaType.Equals("application/csv", StringComparison.OrdinalIgnoreCase))
        {
            return request.Body;
        }

        if (!contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw Unsupported();
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw Invalid("The multipart body has no boundary.");
        }

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = MaxBytes };
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                return section.Body;
            }
        }

        throw Invalid("The multipart body has no file part: send the CSV as a file field (for example 'file').");
    }

    private static CXGearException Unsupported() =>
        new(ErrorCodes.UnsupportedMediaType, "Send the CSV as text/csv or as a file in multipart/form-data.");

    private static CXGearException Invalid(string message)
    {
        var error = new CXGearException(ErrorCodes.ValidationError, message);
        error.Extensions["errors"] = new Dictionary<string, string[]> { ["file"] = [message] };
        return error;
    }
}
