using CXGear.Domain.Billing;
using CXGear.Domain.Common;

namespace CXGear.Domain.Projects;

/// <summary>A workspace for one campaign or client; its data tables, spinners and jobs live inside it.</summary>
public sealed class Project : IHoldsMeterUnits
{
    public const int MaxNameLength = 200;

    private Project() => Name = string.Empty;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; private set; }
    public ProjectType Type { get; private set; }
    public Guid CreatedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static Project Create(Guid organizationId, string name, ProjectType type, Guid createdBy, DateTime now) =>
        new()
        {
            Id = Ids.New(now),
            OrganizationId = organizationId,
            Name = ValidName(name),
            Type = type,
            CreatedByUserId = createdBy,
            CreatedAt = now,
            UpdatedAt = now,
        };

    /// <summary>A project holds one Projects unit from creation to deletion.</summary>
    public IEnumerable<MeterChange> HeldUnits() => [new MeterChange(OrganizationId, Meter.Projects, 1)];

    /// <summary>The type is fixed at creation: a Call Analyzer project is seeded differently from an outreach one.</summary>
    public void Rename(string name, DateTime now)
    {
        Name = ValidName(name);
        UpdatedAt = now;
    }

    private static string ValidName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        return trimmed.Length is > 0 and <= MaxNameLength
            ? trimmed
            : throw new CXGearException(ErrorCodes.ValidationError, $"Project name is required and at most {MaxNameLength} characters.");
    }
}
