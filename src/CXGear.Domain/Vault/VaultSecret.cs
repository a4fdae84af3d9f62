using System.Text;
using CXGear.Domain.Common;

namespace CXGear.Domain.Vault;

/// <summary>
/// An organization's secret, addressed by <see cref="Label"/>. The value is never held here in plain text: the
/// entity keeps what the application's cipher produced (<see cref="ProtectedValue"/>) and a short preview chosen when
/// the value was set, so a list can show which value is in place without anything able to read it back.
/// </summary>
public sealed class VaultSecret
{
    /// <summary>8 KB of UTF-8: a token, a key pair in PEM or a JSON credential fits; a file does not belong here.</summary>
    public const int MaxValueBytes = 8 * 1024;

    public const int MaxDescriptionLength = 500;

    /// <summary>A bound on what one organization can store (the contract's "limits on every input").</summary>
    public const int MaxPerOrganization = 200;

    /// <summary>Values shorter than this show no characters at all: four of eight would give half the secret away.</summary>
    public const int MinLengthForPreview = 12;

    public const string PreviewMask = "••••";

    private VaultSecret()
    {
        Label = string.Empty;
        ProtectedValue = string.Empty;
        PreviewTail = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Label { get; private set; }
    public string? Description { get; private set; }

    /// <summary>The value as the cipher wrote it (authenticated encryption, a purpose per organization).</summary>
    public string ProtectedValue { get; private set; }

    /// <summary>The value's last four characters, or empty when the value is too short to show any.</summary>
    public string PreviewTail { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }
    public Guid UpdatedByUserId { get; private set; }

    /// <summary>At most the last four characters behind a mask, e.g. <c>••••abcd</c>.</summary>
    public string ValuePreview => PreviewMask + PreviewTail;

    /// <summary>
    /// "Last used" is for people ("is this still needed?"), so a record stamps it only when the stamp is at least a
    /// minute old: a job of a million records writes it a few times, not a million.
    /// </summary>
    public static TimedRule<VaultSecret> UseStampDue { get; } = new((s, now) => s.LastUsedAt == null || s.LastUsedAt <= now.AddMinutes(-1));

    public static VaultSecret Create(Guid organizationId, string label, string? description, string value, string protectedValue, Guid by, DateTime now)
    {
        if (!VaultLabel.IsValid(label))
        {
            throw Invalid("label", VaultLabel.Rule);
        }

        var secret = new VaultSecret
        {
            Id = Ids.New(now),
            OrganizationId = organizationId,
            Label = label,
            CreatedAt = now,
        };
        secret.Set(description, value, protectedValue, by, now);
        return secret;
    }

    /// <summary>Rotation: the next record that reads the label gets the new value. A null description keeps the old one.</summary>
    public void Rotate(string? description, string value, string protectedValue, Guid by, DateTime now) =>
        Set(description ?? Description, value, protectedValue, by, now);

    /// <summary>The checks on a value before it is encrypted; the same the validator reports as a 400.</summary>
    public static string? ValueProblem(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "'value' is required."
        : Encoding.UTF8.GetByteCount(value) > MaxValueBytes ? $"'value' is at most {MaxValueBytes} bytes (UTF-8)."
        : null;

    private void Set(string? description, string value, string protectedValue, Guid by, DateTime now)
    {
        if (ValueProblem(value) is { } problem)
        {
            throw Invalid("value", problem);
        }

        var trimmed = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (trimmed is { Length: > MaxDescriptionLength })
        {
            throw Invalid("description", $"'description' is at most {MaxDescriptionLength} characters.");
        }

        Description = trimmed;
        ProtectedValue = protectedValue;
        PreviewTail = value.Length >= MinLengthForPreview ? value[^4..] : string.Empty;
        UpdatedByUserId = by;
        UpdatedAt = now;
    }

    private static CXGearException Invalid(string field, string message)
    {
        var error = new CXGearException(ErrorCodes.ValidationError, message);
        error.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return error;
    }
}
