using CXGear.Application.Common.Security;

namespace CXGear.Application.Auth.Common;

public static class LoginThrottleKey
{
    /// <summary>The throttle row id of an email: a hash, so the table holds no addresses.</summary>
    public static string For(string normalizedEmail) => OpaqueTokens.Hash("login-throttle:" + normalizedEmail);
}
