using CXGear.Domain.Common;
using CXGear.Domain.Organizations;

namespace CXGear.Domain.Billing;

/// <summary>The product's PLAN_LIMIT error (docs/api.md#error-codes): not transient, so clients must not retry it.</summary>
public static class PlanLimitReached
{
    public static CXGearException Error(Meter meter, PlanId plan, long used, long limit)
    {
        var planName = plan.ToString().ToLowerInvariant();
        var error = new CXGearException(
            ErrorCodes.PlanLimit,
            $"{meter.Resource()} limit reached on the {planName} plan ({used}/{limit}). Upgrade to continue.");
        error.Extensions["meter"] = meter.Key();
        error.Extensions["used"] = used;
        error.Extensions["limit"] = limit;
        return error;
    }
}
