namespace CXGear.Application.Spinners.Runtime;

/// <summary>Bound from the <c>Runtime</c> configuration section.</summary>
public sealed class SpinnerEngineOptions
{
    public const string Section = "Runtime";

    /// <summary>
    /// A guard, not a rule users meet: validated definitions have no cycles and at most 100 steps, so a record that
    /// runs more steps than this means a bug, and it fails instead of spinning forever.
    /// </summary>
    public int MaxStepsPerRecord { get; set; } = 200;
}
