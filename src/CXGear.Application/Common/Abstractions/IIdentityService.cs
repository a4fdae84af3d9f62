namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// The credential store (ASP.NET Core Identity in Infrastructure): accounts share their id with
/// the domain <c>User</c>; this layer never sees password hashes.
/// </summary>
public interface IIdentityService
{
    /// <summary>Normalizes an email the way the store compares them (unique across the service).</summary>
    string NormalizeEmail(string email);

    Task<bool> EmailExistsAsync(string email, CancellationToken cancellationToken);

    Task<Guid?> FindAccountIdAsync(string email, CancellationToken cancellationToken);

    /// <summary>Creates the account; throws <c>EMAIL_TAKEN</c> when the email is registered.</summary>
    Task CreateAccountAsync(Guid accountId, string email, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Verifies a password. For an unknown email it still spends the time of one hash comparison,
    /// so response times do not reveal which emails are registered.
    /// </summary>
    Task<Guid?> VerifyPasswordAsync(string email, string password, CancellationToken cancellationToken);

    Task<bool> VerifyPasswordAsync(Guid accountId, string password, CancellationToken cancellationToken);

    Task SetPasswordAsync(Guid accountId, string newPassword, CancellationToken cancellationToken);
}
