using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Runtime.Secrets;

/// <summary>
/// One record's access to the vault: it reveals the labels a step names, remembers each value it revealed so that
/// anything the record keeps (journey, outputs, error, log line) can be scrubbed of it, and which labels were used.
/// A record's steps run one after another, so this is not shared between threads.
/// </summary>
public sealed class RecordSecrets(IVaultSecretReader? reader, Guid organizationId)
{
    public const string MissingCode = "VAULT_SECRET_MISSING";

    /// <summary>For a record run with no vault (engine tests): every label is missing.</summary>
    public static RecordSecrets None(Guid organizationId) => new(null, organizationId);

    private static readonly JsonSerializerOptions DefaultEscaping = new();
    private static readonly JsonSerializerOptions RelaxedEscaping = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Every form a revealed value may come back in (as sent, JSON-escaped, URL-escaped), longest first.</summary>
    private List<string> _forms = [];

    public IReadOnlyCollection<string> UsedLabels => _used;

    /// <summary>The values of <paramref name="labels"/>, or the labels the vault does not hold (then nothing is revealed).</summary>
    public async Task<(IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Missing)> RevealAsync(
        IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> values = reader is null
            ? new Dictionary<string, string>()
            : await reader.RevealAsync(organizationId, labels, cancellationToken);
        var missing = labels.Where(l => !values.ContainsKey(l)).ToList();
        if (missing.Count > 0)
        {
            return (new Dictionary<string, string>(), missing);
        }

        foreach (var (label, value) in values)
        {
            _used.Add(label);
            Remember(value);
        }

        return (values, []);
    }

    public static string MissingError(IReadOnlyList<string> labels) =>
        $"{MissingCode}: the vault holds no secret {string.Join(", ", labels.Select(l => $"'{l}'"))} (deleted since the spinner was saved?); put it again with PUT /vault/{labels[0]}.";

    public string Scrub(string text)
    {
        foreach (var form in _forms)
        {
            text = text.Replace(form, CredentialHeaders.Mask, StringComparison.Ordinal);
        }

        return text;
    }

    public string? ScrubOrNull(string? text) => text is null ? null : Scrub(text);

    /// <summary>Scrubs every string (and number) inside <paramref name="node"/> in place; returns the node or its replacement.</summary>
    public JsonNode? Scrub(JsonNode? node)
    {
        if (_forms.Count == 0 || node is null)
        {
            return node;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (Scrub(child) is var replaced && !ReferenceEquals(replaced, child))
                    {
                        obj[key] = replaced;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Scrub(array[i]) is var replaced && !ReferenceEquals(replaced, array[i]))
                    {
                        array[i] = replaced;
                    }
                }

                return array;
            default:
                var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
                var scrubbed = Scrub(text);
                return scrubbed == text ? node : JsonValue.Create(scrubbed);
        }
    }

    private void Remember(string value)
    {
        var forms = new HashSet<string>(_forms, StringComparer.Ordinal)
        {
            value,
            JsonSerializer.Serialize(value, DefaultEscaping)[1..^1],
            JsonSerializer.Serialize(value, RelaxedEscaping)[1..^1],
            Uri.EscapeDataString(value),
        };
        forms.Remove(string.Empty);
        _forms = forms.OrderByDescending(f => f.Length).ToList();
    }
}
