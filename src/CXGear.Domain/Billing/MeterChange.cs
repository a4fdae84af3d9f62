namespace CXGear.Domain.Billing;

/// <summary>One change to an organization's meter: positive units are taken, negative ones given back.</summary>
public readonly record struct MeterChange(Guid OrganizationId, Meter Meter, long Units)
{
    public Guid OrganizationId { get; } = OrganizationId;

    public Meter Meter { get; } = Meter;

    public long Units { get; } = Units;

    public MeterChange Negated() => new(OrganizationId, Meter, -Units);
}
