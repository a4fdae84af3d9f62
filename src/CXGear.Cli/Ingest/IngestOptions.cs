namespace CXGear.Cli.Ingest;

internal sealed record IngestOptions(Guid TableId, string FilePath, int? BatchSize, int Concurrency, bool Resume, string CheckpointPath)
{
    public const int DefaultBatchSize = 500;

    /// <summary>The API's limit on records per ingest request.</summary>
    public const int MaxBatchSize = 500;
}
