namespace CXGear.Api.DataTables;

/// <summary><c>Uploads:*</c> (docs/api.md#configuration): how a CSV import's or append's body is received.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>
    /// The longest an upload's body may take to arrive, counted from when the server starts reading it; past it the
    /// request is 408 REQUEST_TIMEOUT and nothing is written. 600 s lets the 1 GiB cap through at about 14 Mbit/s.
    /// </summary>
    public int BodyTimeoutSeconds { get; set; } = 600;

    /// <summary>
    /// Where bodies are spooled while they arrive; unset = the system's temporary directory. It needs room for the
    /// uploads in flight (up to 1 GiB each) and should be a disk: on a RAM-backed tmpfs the spool would cost memory.
    /// </summary>
    public string? SpoolDirectory { get; set; }

    public TimeSpan BodyTimeout => TimeSpan.FromSeconds(BodyTimeoutSeconds);

    public string Directory => string.IsNullOrWhiteSpace(SpoolDirectory) ? Path.GetTempPath() : SpoolDirectory;
}
