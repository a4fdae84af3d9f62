namespace CXGear.Application.Spinners.Runtime.Secrets;

/// <summary>Reads and decrypts an organization's vault values for one step of one record.</summary>
public interface IVaultSecretReader
{
    /// <summary>
    /// The current values of <paramref name="labels"/>, read at the call (so a rotation counts from the next record).
    /// A label the organization does not hold, or whose value this key ring cannot decrypt, is absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> RevealAsync(Guid organizationId, IReadOnlyCollection<string> labels, CancellationToken cancellationToken);
}
