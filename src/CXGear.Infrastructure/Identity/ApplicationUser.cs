using Microsoft.AspNetCore.Identity;

namespace CXGear.Infrastructure.Identity;

/// <summary>The credential record (email, password hash, security stamp); shares its id with the domain user.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>;
