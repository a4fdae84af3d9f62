using System.Globalization;

namespace CXGear.Domain.Billing;

/// <summary>What each meter is called on the wire and in the PLAN_LIMIT message, and how it counts.</summary>
public static class Meters
{
    private const string CapacityPeriod = "total";

    private static readonly Dictionary<Meter, (string Key, string Resource, MeterKind Kind)> Info = new()
    {
        [Meter.Projects] = ("projects", "Project", MeterKind.Capacity),
        [Meter.Spinners] = ("spinners", "Spinner", MeterKind.Capacity),
        [Meter.Users] = ("users", "User", MeterKind.Capacity),
        [Meter.DataTables] = ("data_tables", "Data table", MeterKind.Capacity),
        [Meter.ApiKeys] = ("api_keys", "API key", MeterKind.Capacity),
        [Meter.Channels] = ("channels", "Channel", MeterKind.Capacity),
        [Meter.JobsPerMonth] = ("jobs", "Monthly job", MeterKind.Monthly),
        [Meter.RecordsPerMonth] = ("records", "Monthly record/spin", MeterKind.Monthly),
    };

    public static IReadOnlyList<Meter> All { get; } = Enum.GetValues<Meter>();

    public static string Key(this Meter meter) => Info[meter].Key;

    public static string Resource(this Meter meter) => Info[meter].Resource;

    public static MeterKind Kind(this Meter meter) => Info[meter].Kind;

    public static bool TryParse(string key, out Meter meter)
    {
        foreach (var (candidate, info) in Info)
        {
            if (string.Equals(info.Key, key, StringComparison.OrdinalIgnoreCase) || string.Equals(candidate.ToString(), key, StringComparison.OrdinalIgnoreCase))
            {
                meter = candidate;
                return true;
            }
        }

        meter = default;
        return false;
    }

    /// <summary>The counter row a use at <paramref name="now"/> lands in: one for ever, or one per UTC month.</summary>
    public static string PeriodAt(this Meter meter, DateTime now) =>
        meter.Kind() == MeterKind.Capacity ? CapacityPeriod : now.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>When a monthly meter next starts from zero (00:00 UTC on the 1st); null for capacity meters.</summary>
    public static DateTime? ResetsAfter(this Meter meter, DateTime now) =>
        meter.Kind() == MeterKind.Monthly
            ? new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1)
            : null;
}
