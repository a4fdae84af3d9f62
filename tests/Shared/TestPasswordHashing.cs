using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Tests.Shared;

/// <summary>
/// The test hosts hash passwords with Identity's own hasher and format (V3, PBKDF2-HMAC-SHA512) at 1,000 iterations
/// instead of the default 100,000: one hash costs about 130 ms of CPU on the project's machines, and the HTTP tests
/// sign up and sign in hundreds of times. Production configures nothing and keeps the default; a stored hash names its
/// own iteration count, so verification is the same code either way.
/// </summary>
public static class TestPasswordHashing
{
    public const int Iterations = 1_000;

    public static IServiceCollection UseTestPasswordHashing(this IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = Iterations);
}
