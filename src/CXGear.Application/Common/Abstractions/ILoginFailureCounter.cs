using CXGear.Domain.Auth;

namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// Counts a failed sign-in for an address in the database itself, atomically and at once (outside any unit of work),
/// so N parallel wrong passwords count N; returns the throttle as it stands after this failure.
/// </summary>
public interface ILoginFailureCounter
{
    Task<LoginThrottle> CountAsync(string key, DateTime now, CancellationToken cancellationToken);
}
