namespace CXGear.Domain.Billing;

/// <summary>The plan meters of docs/api.md#plans-and-meters. The wire names are in <see cref="Meters"/>.</summary>
public enum Meter
{
    Projects = 0,
    Spinners = 1,
    Users = 2,
    DataTables = 3,
    ApiKeys = 4,
    Channels = 5,
    JobsPerMonth = 6,
    RecordsPerMonth = 7,
}

public enum MeterKind
{
    /// <summary>Rises on create, falls on removal; never resets.</summary>
    Capacity = 0,

    /// <summary>Accumulates within a UTC calendar month and starts again at zero on the 1st.</summary>
    Monthly = 1,
}
