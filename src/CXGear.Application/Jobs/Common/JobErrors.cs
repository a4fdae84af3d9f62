using CXGear.Domain.Common;

namespace CXGear.Application.Jobs.Common;

internal static class JobErrors
{
    /// <summary>Also the answer for another organization's job.</summary>
    public static CXGearException JobNotFound(Guid id) => new(ErrorCodes.NotFound, $"Job {id} was not found.");

    public static CXGearException RecordNotFound(Guid id) => new(ErrorCodes.NotFound, $"Record {id} was not found.");
}
