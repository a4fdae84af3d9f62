using CXGear.Domain.Billing;
using CXGear.Domain.Common;

namespace CXGear.Domain.Jobs;

/// <summary>
/// One execution of a published spinner over a set of records (its table's rows, or rows a trigger sent). The
/// job pins the spinner version current at its creation, so republishing never changes a job already made. The
/// lease fields (<see cref="ClaimedBy"/>, <see cref="LeaseUntil"/>) are for the runtime that claims queued jobs.
/// </summary>
public sealed class Job : IRecordsMeterChanges
{
    public const int MaxErrorLength = 1_000;

    private readonly MeterChangeLog _meterChanges = new();

    private Job()
    {
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid SpinnerId { get; private set; }

    /// <summary>The published version the job runs, fixed at creation.</summary>
    public int SpinnerVersion { get; private set; }

    public JobOrigin Origin { get; private set; }
    public JobStatus Status { get; private set; }

    public int TotalRecords { get; private set; }
    public int SucceededRecords { get; private set; }
    public int FailedRecords { get; private set; }

    /// <summary>The user who ran it; null for API triggers and schedules.</summary>
    public Guid? CreatedByUserId { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }

    /// <summary>The runtime instance holding the job while it runs; null while queued.</summary>
    public string? ClaimedBy { get; private set; }

    /// <summary>Until when the claim holds; an expired lease lets another instance reclaim the job.</summary>
    public DateTime? LeaseUntil { get; private set; }

    /// <summary>Set when a running job is asked to stop; the runtime stops at the next record.</summary>
    public bool CancelRequested { get; private set; }

    /// <summary>Why a job that never ran was refused (a full meter on a schedule or a parent's record); null otherwise.</summary>
    public string? Error { get; private set; }

    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Partial or JobStatus.Cancelled;

    /// <summary>Ended − started, when both exist.</summary>
    public TimeSpan? Duration => StartedAt is { } started && EndedAt is { } ended ? ended - started : null;

    public static Job Queue(
        Guid organizationId, Guid projectId, Guid spinnerId, int spinnerVersion, JobOrigin origin, int totalRecords, Guid? createdBy, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spinnerVersion, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(totalRecords);
        var job = new Job
        {
            Id = Ids.New(now),
            OrganizationId = organizationId,
            ProjectId = projectId,
            SpinnerId = spinnerId,
            SpinnerVersion = spinnerVersion,
            Origin = origin,
            Status = JobStatus.Queued,
            TotalRecords = totalRecords,
            CreatedByUserId = createdBy,
            CreatedAt = now,
        };

        // A queued job is one Jobs/month unit and one Records/month unit per record, whether or not it ever runs.
        job._meterChanges.Take(organizationId, Meter.JobsPerMonth);
        if (totalRecords > 0)
        {
            job._meterChanges.Take(organizationId, Meter.RecordsPerMonth, totalRecords);
        }

        return job;
    }

    /// <summary>
    /// A job the runtime could not queue (a schedule's firing or a parent's record met a full meter): it exists, failed,
    /// so the refusal is visible where the organization looks for its jobs. It takes no meter unit and has no records.
    /// </summary>
    public static Job Refused(
        Guid organizationId, Guid projectId, Guid spinnerId, int spinnerVersion, JobOrigin origin, string error, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new Job
        {
            Id = Ids.New(now),
            OrganizationId = organizationId,
            ProjectId = projectId,
            SpinnerId = spinnerId,
            SpinnerVersion = Math.Max(1, spinnerVersion),
            Origin = origin,
            Status = JobStatus.Failed,
            CreatedAt = now,
            EndedAt = now,
            Error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error,
        };
    }

    /// <summary>
    /// Records of a cancelled job that never ran go back to Records/month, within the month they were counted in (a
    /// past month's usage is history).
    /// </summary>
    public void GiveBackUnrunRecords(int count, DateTime now)
    {
        if (count <= 0 || Status != JobStatus.Cancelled || Meter.RecordsPerMonth.PeriodAt(CreatedAt) != Meter.RecordsPerMonth.PeriodAt(now))
        {
            return;
        }

        _meterChanges.GiveBack(OrganizationId, Meter.RecordsPerMonth, count);
    }

    public IReadOnlyList<MeterChange> DrainMeterChanges() => _meterChanges.Drain();

    /// <summary>
    /// A queued job is cancelled at once (nothing ran); a running one is asked to stop (the runtime ends it as
    /// cancelled); a finished job cannot be cancelled (409 CONFLICT). Asking twice is harmless.
    /// </summary>
    public void Cancel(DateTime now)
    {
        switch (Status)
        {
            case JobStatus.Queued:
                Status = JobStatus.Cancelled;
                CancelRequested = true;
                EndedAt = now;
                ClaimedBy = null;
                LeaseUntil = null;
                break;
            case JobStatus.Running:
                CancelRequested = true;
                break;
            default:
                throw new CXGearException(ErrorCodes.Conflict, $"Job {Id} has already finished ({Status.ToString().ToLowerInvariant()}).");
        }
    }

    /// <summary>
    /// Claimable by a runtime: queued, or running under a lease that has ended (its instance stopped renewing it). The
    /// runtime claims with this rule as a conditional UPDATE, so of several instances exactly one wins.
    /// </summary>
    public static TimedRule<Job> Claimable { get; } = new((j, now) =>
        j.Status == JobStatus.Queued || (j.Status == JobStatus.Running && j.LeaseUntil < now));

    /// <summary>The runtime takes the job (queued, or running with an expired lease).</summary>
    public void Claim(string instance, DateTime leaseUntil, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instance);
        if (!Claimable.IsSatisfiedBy(this, now))
        {
            throw new CXGearException(ErrorCodes.Conflict, $"Job {Id} is finished or held by a live lease.");
        }

        Status = JobStatus.Running;
        StartedAt ??= now;
        ClaimedBy = instance;
        LeaseUntil = leaseUntil;
    }

    /// <summary>Counts one finished record.</summary>
    public void RecordFinished(bool succeeded)
    {
        if (succeeded)
        {
            SucceededRecords++;
        }
        else
        {
            FailedRecords++;
        }
    }

    /// <summary>
    /// Ends a running job: cancelled if asked to stop, else completed when no record failed, failed when every
    /// record failed, partial otherwise.
    /// </summary>
    public void Finish(DateTime now)
    {
        if (IsFinished)
        {
            throw new CXGearException(ErrorCodes.Conflict, $"Job {Id} has already finished.");
        }

        Status = CancelRequested ? JobStatus.Cancelled
            : FailedRecords == 0 ? JobStatus.Completed
            : SucceededRecords == 0 ? JobStatus.Failed
            : JobStatus.Partial;
        StartedAt ??= now;
        EndedAt = now;
        ClaimedBy = null;
        LeaseUntil = null;
    }
}
