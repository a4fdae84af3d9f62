using CXGear.Domain.Common;
using CXGear.Domain.Organizations;

namespace CXGear.Domain.Billing;

/// <summary>
/// The product's PLAN_LIMIT error (docs/api.md#error-codes): not transient, so clients must not retry it. Every one has
/// the same members: <c>meter</c>, <c>used</c>, <c>limit</c>, <c>required</c> (the units the refused action needed: 1 for
/// a project or a job, a run's record count on the Records meter) and <c>remaining</c> (what is left, never negative).
/// </summary>
public static class PlanLimitReached
{
    public static CXGearException Error(Meter meter, PlanId plan, long used, long limit, long required)
    {
        var planName = plan.ToString().ToLowerInvariant();
        var error = new CXGearException(
            ErrorCodes.PlanLimit,
            $"{meter.Resource()} limit reached on the {planName} plan ({used}/{limit}). Upgrade to continue.");
        error.Extensions["meter"] = meter.Key();
        error.Extensions["used"] = used;
        error.Extensions["limit"] = limit;
        error.Extensions["required"] = required;
        error.Extensions["remaining"] = Math.Max(0, limit - used);
        return error;
    }
}
