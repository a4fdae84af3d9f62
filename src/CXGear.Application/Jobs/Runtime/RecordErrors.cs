using System.Globalization;

namespace CXGear.Application.Jobs.Runtime;

/// <summary>Errors the runtime itself gives a record (as opposed to a step's own failure).</summary>
public static class RecordErrors
{
    public const string TimeoutCode = "RECORD_TIMEOUT";

    public static string Timeout(TimeSpan limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{TimeoutCode}: the record ran longer than {limit.TotalSeconds:0.#} s and was stopped.");
}
