using CXGear.Domain.Common;

namespace CXGear.Application.Auth.Common;

public static class EmailTaken
{
    public static CXGearException Error() => new(ErrorCodes.EmailTaken, "This email is already registered. Sign in, or ask your admin to invite you.");
}
