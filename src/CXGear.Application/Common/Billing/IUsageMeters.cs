using CXGear.Domain.Billing;

namespace CXGear.Application.Common.Billing;

/// <summary>Counts plan usage. Both calls must run inside the transaction that makes the change they count.</summary>
public interface IUsageMeters
{
    /// <summary>
    /// Takes <paramref name="amount"/> units of the meter or throws PLAN_LIMIT, changing nothing. Call it
    /// before adding tracked entities: it may write the meter's row for a new period.
    /// </summary>
    Task ReserveAsync(Guid organizationId, Meter meter, long amount, CancellationToken cancellationToken);

    /// <summary>Gives capacity back when the thing it counted is removed (never below zero).</summary>
    Task ReleaseAsync(Guid organizationId, Meter meter, long amount, CancellationToken cancellationToken);
}
