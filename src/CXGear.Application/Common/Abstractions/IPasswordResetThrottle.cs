using CXGear.Domain.Auth;

namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// Counts a reset mail for an account in the database itself, atomically, when <see cref="PasswordResetThrottle.MaySend"/>
/// allows one; false when the account is cooling down or at its hourly cap. Concurrent requests on any number of
/// instances count one mail each, never two through one free slot.
/// </summary>
public interface IPasswordResetThrottle
{
    Task<bool> TryCountMailAsync(Guid userId, DateTime now, CancellationToken cancellationToken);
}
