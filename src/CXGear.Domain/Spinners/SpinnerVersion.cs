namespace CXGear.Domain.Spinners;

/// <summary>
/// A published, frozen copy of a spinner's draft. Versions are numbered 1, 2, 3… per spinner and never change;
/// a job pins the one that was current when it was created.
/// </summary>
public sealed class SpinnerVersion
{
    private SpinnerVersion()
    {
        Definition = string.Empty;
    }

    public Guid SpinnerId { get; private set; }
    public int Version { get; private set; }

    /// <summary>The canonical definition JSON as it was at publish time.</summary>
    public string Definition { get; private set; }

    public DateTime PublishedAt { get; private set; }
    public Guid PublishedByUserId { get; private set; }

    internal static SpinnerVersion Freeze(Guid spinnerId, int version, string definition, Guid publishedBy, DateTime now) =>
        new()
        {
            SpinnerId = spinnerId,
            Version = version,
            Definition = definition,
            PublishedAt = now,
            PublishedByUserId = publishedBy,
        };
}
