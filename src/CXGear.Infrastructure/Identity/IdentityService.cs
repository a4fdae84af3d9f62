using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Exceptions;
using CXGear.Application.Common.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Infrastructure.Identity;

internal sealed class IdentityService(UserManager<ApplicationUser> users) : IIdentityService
{
    // A real hash of a random password: verifying against it costs what a real check costs.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), OpaqueTokens.New()));

    public string NormalizeEmail(string email) => users.NormalizeEmail(email.Trim()) ?? string.Empty;

    public async Task<bool> EmailExistsAsync(string email, CancellationToken cancellationToken) =>
        await FindAsync(email, cancellationToken) is not null;

    public async Task<Guid?> FindAccountIdAsync(string email, CancellationToken cancellationToken) =>
        (await FindAsync(email, cancellationToken))?.Id;

    public async Task CreateAccountAsync(Guid accountId, string email, string password, CancellationToken cancellationToken)
    {
        var account = new ApplicationUser { Id = accountId, UserName = email.Trim(), Email = email.Trim() };
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(account, password);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another sign-up for the same address; the unique index decided.
            throw EmailTaken.Error();
        }

        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            throw EmailTaken.Error();
        }

        if (!result.Succeeded)
        {
            throw ValidationFailedException.For("password", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    public async Task<Guid?> VerifyPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        var account = await FindAsync(email, cancellationToken);
        if (account is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), DummyHash.Value, password);
            return null;
        }

        return await users.CheckPasswordAsync(account, password) ? account.Id : null;
    }

    public async Task<bool> VerifyPasswordAsync(Guid accountId, string password, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        return account is not null && await users.CheckPasswordAsync(account, password);
    }

    public async Task SetPasswordAsync(Guid accountId, string newPassword, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(accountId.ToString())
            ?? throw new InvalidOperationException("The account of a known user is missing.");
        account.PasswordHash = users.PasswordHasher.HashPassword(account, newPassword);

        // A new security stamp invalidates anything Identity derived from the old password.
        var result = await users.UpdateSecurityStampAsync(account);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Updating the password failed: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }

    private Task<ApplicationUser?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(email);
        return users.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
    }
}
