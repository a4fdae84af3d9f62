namespace CXGear.Application.Common.Abstractions;

/// <summary>Effective permission keys of a user: the union of their roles' keys.</summary>
public interface IPermissionReader
{
    Task<IReadOnlySet<string>> GetPermissionsAsync(Guid userId, CancellationToken cancellationToken);
}
