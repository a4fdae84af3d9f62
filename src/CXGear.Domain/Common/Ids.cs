namespace CXGear.Domain.Common;

public static class Ids
{
    /// <summary>UUIDv7: ids sort by creation time, which keeps index inserts at the end of the B-tree.</summary>
    public static Guid New(DateTime utcNow) => Guid.CreateVersion7(new DateTimeOffset(utcNow, TimeSpan.Zero));
}
