using CXGear.Api.OpenApi;
using CXGear.Application.Vault.Commands.DeleteVaultSecret;
using CXGear.Application.Vault.Commands.PutVaultSecret;
using CXGear.Application.Vault.Common;
using CXGear.Application.Vault.Queries.ListVaultSecrets;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.Api.Controllers;

/// <summary>
/// The organization's vault: secrets by label, encrypted at rest, read by spinners as <c>{{vault.label}}</c> in an
/// api_call's headers and body. No route returns a value; lists show at most its last four characters.
/// </summary>
[Authorize]
[Route("api/v1/vault")]
[ProducesErrors(ErrorCodes.Forbidden)]
public sealed class VaultController(ISender sender) : ApiControllerBase
{
    /// <summary>Every entry by label, masked (<c>vault.read</c>).</summary>
    [HttpGet]
    [ProducesResponseType<VaultSecretList>(StatusCodes.Status200OK)]
    public async Task<ActionResult<VaultSecretList>> List(CancellationToken cancellationToken) =>
        await sender.Send(new ListVaultSecretsQuery(), cancellationToken);

    /// <summary>
    /// Creates the secret or rotates its value (<c>vault.write</c>); the next record that reads it gets the new value.
    /// Labels: a lower-case letter, then lower-case letters, digits or '_' (at most 64); the value is at most 8 KB.
    /// 409 CONFLICT when the vault already holds 200 secrets.
    /// </summary>
    [HttpPut("{label}")]
    [ProducesErrors(ErrorCodes.Conflict)]
    [ProducesResponseType<VaultSecretDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<VaultSecretDto>> Put(string label, PutVaultSecretRequest request, CancellationToken cancellationToken) =>
        await sender.Send(new PutVaultSecretCommand(label, request.Value, request.Description), cancellationToken);

    /// <summary>Deletes the secret (<c>vault.write</c>); records that still read it fail with VAULT_SECRET_MISSING.</summary>
    [HttpDelete("{label}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(string label, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteVaultSecretCommand(label), cancellationToken);
        return NoContent();
    }
}

/// <summary>The value to store (shown nowhere afterwards) and an optional note on what it is for.</summary>
public sealed record PutVaultSecretRequest(string? Value, string? Description)
{
    /// <summary>Model binding or a log must never print the value.</summary>
    public override string ToString() => $"{nameof(PutVaultSecretRequest)} {{ Value = [secret], Description = {Description} }}";
}
