using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Common;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Common;

/// <summary>What a saved definition names must exist in the caller's organization: vault labels and channels.</summary>
internal static class SpinnerReferences
{
    /// <summary>One 400 with every missing label and channel at its JSON path, so a client fixes them in one round trip.</summary>
    public static async Task EnsureHeldAsync(IApplicationDbContext db, SpinnerDefinition definition, CancellationToken cancellationToken)
    {
        var missing = await SpinnerVaultReferences.MissingAsync(db, definition, cancellationToken);
        foreach (var (path, messages) in await SpinnerChannelReferences.MissingAsync(db, definition, cancellationToken))
        {
            missing[path] = messages;
        }

        if (missing.Count == 0)
        {
            return;
        }

        var error = new CXGearException(ErrorCodes.ValidationError, "The definition names vault secrets or channels that this organization does not hold.");
        error.Extensions["errors"] = missing;
        throw error;
    }
}
