namespace CXGear.Cli;

/// <summary>What scripts can branch on (also in <c>cxgear --help</c> and the README).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The API, the network, a failed job, a checkpoint that does not fit: see the message.</summary>
    public const int Failed = 1;

    /// <summary>The data was refused (header, malformed CSV, rejected values), naming the lines; nothing of it was sent.</summary>
    public const int DataRejected = 2;

    /// <summary>Ctrl+C; an ingest can continue with <c>--resume</c>.</summary>
    public const int Interrupted = 130;
}
