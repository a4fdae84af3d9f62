using System.Security.Cryptography;
using System.Text;

namespace CXGear.Cli.Ingest;

/// <summary>
/// The <c>Idempotency-Key</c> of a batch, derived from what makes the batch what it is: the table, the file, the batch
/// size and the batch's first line. Any run over the same file and table (a retry, a resumed run, a run started again
/// by mistake within the server's 24 hours) sends a given batch under the same key, so the server replays it instead
/// of inserting it twice.
/// </summary>
internal static class BatchKeys
{
    public static string For(Guid tableId, FileIdentity file, int batchSize, long firstLine)
    {
        var text = $"cxgear-ingest/v1|{tableId:N}|{file.Size}|{file.HeadSha256}|{batchSize}|{firstLine}";
        return "cxgear-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
    }
}
