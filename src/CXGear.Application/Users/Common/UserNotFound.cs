using CXGear.Domain.Common;

namespace CXGear.Application.Users.Common;

public static class UserNotFound
{
    public static CXGearException Error() => new(ErrorCodes.NotFound, "User not found.");
}
