namespace CXGear.Domain.Jobs;

/// <summary>
/// A runtime instance as the database last heard of it: its id (what it writes in <see cref="Job.ClaimedBy"/>), when it
/// first beat, when it last beat and how many jobs it said it was running. Each instance upserts its own row from its
/// dispatcher loop; rows of instances long gone are pruned. Operators read them to see which instances are alive.
/// </summary>
public sealed class RuntimeInstance
{
    /// <summary>The same bound as <see cref="Job.ClaimedBy"/>: machine/pid/guid.</summary>
    public const int MaxIdLength = 200;

    private RuntimeInstance()
    {
        Id = string.Empty;
    }

    public string Id { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime LastSeenAt { get; private set; }

    /// <summary>Jobs the instance was running at its last beat (the jobs' own rows are the authority).</summary>
    public int JobsRunning { get; private set; }

    public static RuntimeInstance Start(string id, DateTime now, int jobsRunning)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id.Length, MaxIdLength);
        ArgumentOutOfRangeException.ThrowIfNegative(jobsRunning);
        return new RuntimeInstance { Id = id, StartedAt = now, LastSeenAt = now, JobsRunning = jobsRunning };
    }

    /// <summary>Alive: it beat within <paramref name="window"/> of <paramref name="now"/>.</summary>
    public bool IsAliveAt(DateTime now, TimeSpan window) => LastSeenAt >= now - window;
}
