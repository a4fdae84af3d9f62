using System.Globalization;
using CXGear.Domain.Billing;
using CXGear.Domain.Organizations;
using Microsoft.Extensions.Configuration;

namespace CXGear.Infrastructure.Billing;

/// <summary>
/// Reads overrides of the caps in docs/api.md#plans-and-meters: <c>Plans:Pro:Projects = 20</c> or <c>Plans:Trial:api_keys = unlimited</c>.
/// A typo fails start-up rather than silently keeping the default.
/// </summary>
internal static class PlanCatalogConfiguration
{
    public const string Section = "Plans";

    public static PlanCatalog Read(IConfiguration configuration)
    {
        var overrides = new Dictionary<(PlanId, Meter), long?>();
        foreach (var planSection in configuration.GetSection(Section).GetChildren())
        {
            if (!Enum.TryParse<PlanId>(planSection.Key, ignoreCase: true, out var plan))
            {
                throw new InvalidOperationException($"Plans:{planSection.Key} is not a plan (trial, pro, advanced, enterprise).");
            }

            foreach (var entry in planSection.GetChildren())
            {
                if (!Meters.TryParse(entry.Key, out var meter))
                {
                    throw new InvalidOperationException($"Plans:{planSection.Key}:{entry.Key} is not a meter.");
                }

                overrides[(plan, meter)] = ParseLimit(entry.Value, entry.Path);
            }
        }

        return new PlanCatalog(overrides);
    }

    private static long? ParseLimit(string? value, string path) =>
        string.Equals(value, "unlimited", StringComparison.OrdinalIgnoreCase) ? null
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit
        : throw new InvalidOperationException($"{path} must be a whole number or 'unlimited'.");
}
