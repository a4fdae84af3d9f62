using CXGear.Domain.Organizations;

namespace CXGear.Domain.Billing;

/// <summary>
/// Each plan's cap per meter (null = unlimited). The defaults are docs/api.md#plans-and-meters; deployments override any
/// of them in configuration (<c>Plans:&lt;plan&gt;:&lt;meter&gt;</c>).
/// </summary>
public sealed class PlanCatalog
{
    // Declared first: static initializers run in textual order and Default below needs these.
    private static Dictionary<(PlanId, Meter), long?> DefaultLimits { get; } = Build(
        (Meter.Projects, 1, 10, 50),
        (Meter.Spinners, 2, 25, 100),
        (Meter.Users, 3, 25, 100),
        (Meter.DataTables, 5, 100, 500),
        (Meter.ApiKeys, 2, 10, 50),
        (Meter.Channels, 1, 5, 20),
        (Meter.JobsPerMonth, 50, 500, 5_000),
        (Meter.RecordsPerMonth, 500, 10_000, 100_000));

    private readonly Dictionary<(PlanId, Meter), long?> _limits;

    public PlanCatalog(IReadOnlyDictionary<(PlanId Plan, Meter Meter), long?> overrides)
    {
        _limits = new Dictionary<(PlanId, Meter), long?>(DefaultLimits);
        foreach (var (key, limit) in overrides)
        {
            if (limit is < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(overrides), $"The {key.Plan} limit for {key.Meter} cannot be negative.");
            }

            _limits[key] = limit;
        }
    }

    public static PlanCatalog Default { get; } = new(new Dictionary<(PlanId, Meter), long?>());

    public long? LimitFor(PlanId plan, Meter meter) => _limits[(plan, meter)];

    private static Dictionary<(PlanId, Meter), long?> Build(params (Meter Meter, long Trial, long Pro, long Advanced)[] rows)
    {
        var limits = new Dictionary<(PlanId, Meter), long?>();
        foreach (var (meter, trial, pro, advanced) in rows)
        {
            limits[(PlanId.Trial, meter)] = trial;
            limits[(PlanId.Pro, meter)] = pro;
            limits[(PlanId.Advanced, meter)] = advanced;
            limits[(PlanId.Enterprise, meter)] = null;
        }

        return limits;
    }
}
