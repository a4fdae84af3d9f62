using System.Security.Cryptography;

namespace CXGear.Cli.Ingest;

/// <summary>
/// Which file a checkpoint and the batch keys belong to: its size and a hash of its first 64 KiB (the header and the
/// first rows). Cheap on any size, and it changes when the file is replaced or edited near the top or in length; it
/// does not hash the whole file, so an edit in the middle that keeps the size is not seen (see docs/decisions/0019-integrator-toolkit.md).
/// </summary>
internal sealed record FileIdentity(long Size, string HeadSha256)
{
    private const int HeadBytes = 64 * 1024;

    public static FileIdentity Of(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[(int)Math.Min(HeadBytes, stream.Length)];
        stream.ReadExactly(head);
        return new FileIdentity(stream.Length, Convert.ToHexStringLower(SHA256.HashData(head)));
    }
}
