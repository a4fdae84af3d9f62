using System.Text.Json;

namespace CXGear.Cli.Ingest;

/// <summary>
/// How far an ingest got: every batch up to <see cref="AcknowledgedThroughLine"/> (<see cref="RowsAcknowledged"/> rows)
/// was acknowledged by the API. Batches after it may or may not have been applied; a resumed run sends them again with
/// the same keys, and the API replays those it already did. Written beside the file as
/// <c>&lt;file&gt;.cxgear-checkpoint.json</c>, replaced atomically (write a temporary file, flush it to disk, rename).
/// </summary>
internal sealed record Checkpoint(
    int Version,
    Guid TableId,
    FileIdentity File,
    int BatchSize,
    long RowsAcknowledged,
    long AcknowledgedThroughLine,
    long? TotalRows,
    bool Completed,
    DateTimeOffset UpdatedAt)
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathFor(string csvPath) => csvPath + ".cxgear-checkpoint.json";

    public static Checkpoint? Load(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        try
        {
            var checkpoint = JsonSerializer.Deserialize<Checkpoint>(System.IO.File.ReadAllText(path), Json);
            return checkpoint is { Version: CurrentVersion } ? checkpoint : throw new InvalidDataException($"{path} is not a checkpoint of this version of cxgear.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path} is not a readable checkpoint: {error.Message}", error);
        }
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, Json);
            // On disk before the rename makes it the checkpoint, so a crash leaves the old one or the new one, whole.
            stream.Flush(flushToDisk: true);
        }

        System.IO.File.Move(temporary, path, overwrite: true);
    }
}
