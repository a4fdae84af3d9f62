using System.Linq.Expressions;
using CXGear.Domain.Vault;

namespace CXGear.Application.Vault.Common;

/// <summary>A vault entry as any read shows it: never the value, at most its last four characters.</summary>
public sealed record VaultSecretDto(
    string Label,
    string? Description,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? LastUsedAt,
    string ValuePreview)
{
    public static readonly Expression<Func<VaultSecret, VaultSecretDto>> Projection = s =>
        new VaultSecretDto(s.Label, s.Description, s.CreatedAt, s.UpdatedAt, s.LastUsedAt, VaultSecret.PreviewMask + s.PreviewTail);

    public static VaultSecretDto From(VaultSecret secret) =>
        new(secret.Label, secret.Description, secret.CreatedAt, secret.UpdatedAt, secret.LastUsedAt, secret.ValuePreview);
}

/// <summary>The whole vault in one answer: an organization holds at most <see cref="VaultSecret.MaxPerOrganization"/> entries.</summary>
public sealed record VaultSecretList(IReadOnlyList<VaultSecretDto> Items);
