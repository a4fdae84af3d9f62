using System.Text.RegularExpressions;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// The rule for names in a record's outputs, in one place: what a well-formed key is, and which keys belong to one kind
/// of step so that no other can write them (a record's outputs must not depend on which step happened to run last).
/// </summary>
public static partial class OutputKey
{
    /// <summary>Written by <c>tag</c> steps only.</summary>
    public const string Disposition = "disposition";

    /// <summary>Written by <c>ai_agent</c> steps only (their default <c>saveAs</c>).</summary>
    public const string AiResponse = "ai_response";

    public static bool IsWellFormed(string key) => Pattern().IsMatch(key);

    /// <summary>True when a step of <paramref name="stepType"/> may not write <paramref name="key"/>.</summary>
    public static bool IsReservedFor(string key, string stepType) =>
        key == Disposition || (key == AiResponse && stepType != StepTypes.AiAgent);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
