namespace CXGear.Infrastructure.Spinners.Functions;

/// <summary>The sandbox's limits for <c>function</c> steps (<c>Runtime:Function:*</c>).</summary>
public sealed class FunctionOptions
{
    public const string Section = "Runtime:Function";

    /// <summary>Wall-clock time for one call of <c>main</c>, top-level code included.</summary>
    public int TimeoutMilliseconds { get; set; } = 1_000;

    public int MaxStatements { get; set; } = 1_000_000;

    public long MemoryBytes { get; set; } = 32 * 1024 * 1024;

    public int MaxRecursionDepth { get; set; } = 128;

    /// <summary>The returned object as JSON; more is refused rather than stored (outputs are bounded per record).</summary>
    public int MaxResultBytes { get; set; } = 64 * 1024;
}
