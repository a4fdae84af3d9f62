namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// The organization background work (the job runtime) acts for inside one DI scope, where there is no request to
/// read it from. Set it before resolving the scope's database context; the HTTP principal falls back to it only when
/// the scope has no authenticated caller, so a request can never borrow it.
/// </summary>
public sealed class BackgroundTenant
{
    public Guid? OrganizationId { get; set; }
}
