using CXGear.Domain.Billing;
using CXGear.Domain.Common;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Domain.Spinners;

/// <summary>
/// An automation over one data table of a project. The draft definition changes freely; <see cref="Publish"/>
/// freezes it as version N+1, and only a published spinner may run or be scheduled. A supporting spinner has a
/// parent (a main spinner of the same project) and a <see cref="StartCondition"/>; a main spinner has neither.
/// </summary>
public sealed class Spinner : IHoldsMeterUnits, IRecordsMeterChanges
{
    public const int MaxNameLength = 200;

    private readonly MeterChangeLog _meterChanges = new();

    private Spinner()
    {
        Name = string.Empty;
        DraftDefinition = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid DataTableId { get; private set; }
    public string Name { get; private set; }

    /// <summary>The canonical JSON of the draft (<see cref="SpinnerDefinition.ToJson"/>): always a valid definition.</summary>
    public string DraftDefinition { get; private set; }

    public Guid? ParentSpinnerId { get; private set; }

    /// <summary>Null for a main spinner; set for every supporting one.</summary>
    public StartCondition? StartWhen { get; private set; }

    /// <summary>The latest published version; 0 while the spinner is a draft only.</summary>
    public int CurrentVersion { get; private set; }

    public string? ScheduleCron { get; private set; }
    public string? ScheduleTimeZone { get; private set; }
    public bool ScheduleEnabled { get; private set; }

    /// <summary>The next time the runtime should fire the schedule (UTC); null when off or never due again.</summary>
    public DateTime? ScheduleNextDueAt { get; private set; }

    public Guid CreatedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>
    /// When <c>DELETE /spinners/{id}</c> archived it; null while live. An archived spinner keeps its row, versions, jobs
    /// and records (history stays readable and named) but can no longer change, run or be a parent.
    /// </summary>
    public DateTime? ArchivedAt { get; private set; }

    public bool IsSupporting => ParentSpinnerId is not null;

    public bool IsPublished => CurrentVersion > 0;

    public bool IsArchived => ArchivedAt is not null;

    /// <summary>
    /// A main spinner counts on the Spinners meter from its first publish until it is archived; drafts and supporting
    /// spinners never do.
    /// </summary>
    public bool CountsOnMeter => !IsSupporting && IsPublished && !IsArchived;

    public IEnumerable<MeterChange> HeldUnits() => CountsOnMeter ? [new MeterChange(OrganizationId, Meter.Spinners, 1)] : [];

    public IReadOnlyList<MeterChange> DrainMeterChanges() => _meterChanges.Drain();

    public bool HasSchedule => ScheduleCron is not null;

    /// <summary>
    /// A new draft. <paramref name="parent"/> and <paramref name="startWhen"/> come together or not at all: a
    /// supporting spinner starts on its parent's records, so it must say on which. The parent must be a main
    /// spinner of the same project (one level of supporting spinners, no chains).
    /// </summary>
    public static Spinner Create(
        Guid organizationId,
        Guid projectId,
        Guid dataTableId,
        string name,
        SpinnerDefinition definition,
        Spinner? parent,
        StartCondition? startWhen,
        Guid createdBy,
        DateTime now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (parent is null && startWhen is not null)
        {
            throw Invalid("startWhen", "'startWhen' is only for a supporting spinner (one with parentSpinnerId).");
        }

        if (parent is not null)
        {
            if (startWhen is null)
            {
                throw Invalid("startWhen", "A supporting spinner needs 'startWhen' {field, equals}.");
            }

            if (parent.ProjectId != projectId || parent.OrganizationId != organizationId)
            {
                throw Invalid("parentSpinnerId", "The parent must be a spinner of the same project.");
            }

            if (parent.IsSupporting)
            {
                throw Invalid("parentSpinnerId", "The parent must be a main spinner, not a supporting one.");
            }
        }

        return new Spinner
        {
            Id = Ids.New(now),
            OrganizationId = organizationId,
            ProjectId = projectId,
            DataTableId = dataTableId,
            Name = ValidName(name),
            DraftDefinition = definition.ToJson(),
            ParentSpinnerId = parent?.Id,
            StartWhen = startWhen,
            CreatedByUserId = createdBy,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Replaces the draft; published versions (and jobs pinned to them) are untouched.</summary>
    public void UpdateDraft(string name, SpinnerDefinition definition, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        EnsureLive();
        Name = ValidName(name);
        DraftDefinition = definition.ToJson();
        UpdatedAt = now;
    }

    /// <summary>
    /// Only a main spinner is started by a person, a key or a schedule: a supporting spinner runs from its parent's
    /// records, when the runtime sees its start condition (409 CONFLICT otherwise).
    /// </summary>
    public void EnsureStartsOnItsOwn()
    {
        if (IsSupporting)
        {
            throw new CXGearException(ErrorCodes.Conflict, "A supporting spinner runs from its parent's records; run or schedule its main spinner instead.");
        }
    }

    /// <summary>Freezes the draft as the next version (N+1) and makes it current; a main spinner's first publish takes a Spinners unit.</summary>
    public SpinnerVersion Publish(Guid publishedBy, DateTime now)
    {
        EnsureLive();
        var counted = CountsOnMeter;
        CurrentVersion++;
        UpdatedAt = now;
        if (!counted && CountsOnMeter)
        {
            _meterChanges.Take(OrganizationId, Meter.Spinners);
        }

        return SpinnerVersion.Freeze(Id, CurrentVersion, DraftDefinition, publishedBy, now);
    }

    /// <summary>
    /// Stores a schedule that the caller has already validated (cron and zone are Cronos's to judge, outside the
    /// domain) together with its next due time. A draft-only spinner cannot be scheduled: there is nothing to run.
    /// </summary>
    public void SetSchedule(string cron, string timeZone, bool enabled, DateTime? nextDueAt, DateTime now)
    {
        EnsureLive();
        EnsureStartsOnItsOwn();
        if (!IsPublished)
        {
            throw new CXGearException(ErrorCodes.SpinnerNotPublished, $"Spinner {Id} has no published version: publish it before scheduling it.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(cron);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZone);
        if (enabled && nextDueAt is null)
        {
            // An enabled schedule that never fires again (a date in the past only) would sit silently.
            throw Invalid("cron", "The schedule never fires again.");
        }

        ScheduleCron = cron;
        ScheduleTimeZone = timeZone;
        ScheduleEnabled = enabled;
        ScheduleNextDueAt = enabled ? nextDueAt : null;
        UpdatedAt = now;
    }

    /// <summary>
    /// Archives the spinner: its schedule goes off and a counted main spinner gives its Spinners unit back (in the
    /// save that stores the archive). Archiving twice is 404, as every change to an archived spinner is.
    /// </summary>
    public void Archive(DateTime now)
    {
        EnsureLive();
        if (CountsOnMeter)
        {
            _meterChanges.GiveBack(OrganizationId, Meter.Spinners);
        }

        ArchivedAt = now;
        ScheduleEnabled = false;
        ScheduleNextDueAt = null;
        UpdatedAt = now;
    }

    /// <summary>An archived spinner is gone for every change (edit, publish, schedule, run, archive): 404 NOT_FOUND.</summary>
    public void EnsureLive()
    {
        if (IsArchived)
        {
            throw new CXGearException(ErrorCodes.NotFound, $"Spinner {Id} was not found (it is archived).");
        }
    }

    internal static CXGearException Invalid(string field, string message)
    {
        var error = new CXGearException(ErrorCodes.ValidationError, message);
        error.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return error;
    }

    private static string ValidName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        return trimmed.Length is > 0 and <= MaxNameLength
            ? trimmed
            : throw Invalid("name", $"Spinner name is required and at most {MaxNameLength} characters.");
    }
}
