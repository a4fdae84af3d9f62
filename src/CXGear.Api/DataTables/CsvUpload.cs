using CXGear.Domain.Common;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CXGear.Api.DataTables;

/// <summary>
/// The CSV of an import or append: a <c>text/csv</c> body as it arrives, or the first file part of a
/// <c>multipart/form-data</c> body read section by section (IFormFile would buffer the file first). The content type is
/// checked at once (415); the body is read later, by the pipeline, into a <see cref="SpooledUpload"/>.
/// </summary>
public sealed class CsvUpload(IOptions<UploadOptions> options, TimeProvider clock)
{
    /// <summary>
    /// 1 GiB: a CSV import is the one route meant for big files (the default cap is 30 MB). Memory does not grow
    /// with it: the body streams to the spool file, and from there through the parser into the database in batches.
    /// </summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>The request's upload, not yet received; the caller disposes it (which deletes its spool file).</summary>
    public SpooledUpload Open(HttpRequest request)
    {
        var settings = options.Value;
        return new SpooledUpload(BodyOf(request), MaxBytes, settings.Directory, settings.BodyTimeout, clock);
    }

    private static Func<CancellationToken, Task<Stream>> BodyOf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            throw Unsupported();
        }

        if (contentType.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)
            || contentType.MediaType.Equals("application/csv", StringComparison.OrdinalIgnoreCase))
        {
            return _ => Task.FromResult(request.Body);
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

        return cancellationToken => FilePartAsync(new MultipartReader(boundary, request.Body), cancellationToken);
    }

    private static async Task<Stream> FilePartAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
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

    internal static CXGearException Invalid(string message)
    {
        var error = new CXGearException(ErrorCodes.ValidationError, message);
        error.Extensions["errors"] = new Dictionary<string, string[]> { ["file"] = [message] };
        return error;
    }
}
