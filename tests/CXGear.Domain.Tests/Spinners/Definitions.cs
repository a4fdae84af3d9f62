using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Domain.Tests.Spinners;

/// <summary>Definitions written with single quotes, so the tests read like the contract's examples.</summary>
internal static class Definitions
{
    public static DefinitionParseResult Parse(string singleQuoted) => SpinnerDefinition.Parse(singleQuoted.Replace('\'', '"'));

    public static SpinnerDefinition Valid(string singleQuoted)
    {
        var result = Parse(singleQuoted);
        Assert.That(result.Errors, Is.Empty);
        return result.Definition!;
    }

    /// <summary>The errors as <c>path: message</c>, for readable assertion failures.</summary>
    public static List<string> Errors(string singleQuoted) => Parse(singleQuoted).Errors.Select(e => e.ToString()).ToList();

    public static List<string> Paths(string singleQuoted) => Parse(singleQuoted).Errors.Select(e => e.Path).ToList();

    public static string Steps(params string[] steps) => "{'steps':[" + string.Join(",", steps) + "]}";
}
