namespace CXGear.Domain.Billing;

/// <summary>
/// How much of one meter an organization has used in one period ("total" for capacity meters, "yyyy-MM"
/// for monthly ones). Counted with conditional updates in the database, never read-modify-written here.
/// </summary>
public sealed class UsageCounter
{
    private UsageCounter() => Period = string.Empty;

    public Guid OrganizationId { get; private set; }
    public Meter Meter { get; private set; }
    public string Period { get; private set; }
    public long Used { get; private set; }

    public static UsageCounter Start(Guid organizationId, Meter meter, string period, long used = 0) =>
        new() { OrganizationId = organizationId, Meter = meter, Period = period, Used = used };
}
