using CXGear.Domain.Common;

namespace CXGear.Application.ApiKeys.Common;

internal static class ApiKeyNotFound
{
    public static CXGearException Error(Guid id) => new(ErrorCodes.NotFound, $"API key {id} was not found.");
}
