using CXGear.Domain.Common;

namespace CXGear.Application.Projects.Common;

internal static class ProjectNotFound
{
    /// <summary>Also the answer for another organization's project: its existence is not ours to reveal.</summary>
    public static CXGearException Error(Guid id) => new(ErrorCodes.NotFound, $"Project {id} was not found.");
}
