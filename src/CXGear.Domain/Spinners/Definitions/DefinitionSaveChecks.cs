using System.Text.Json;
using CXGear.Domain.Vault;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// Rules a definition must meet to be saved, on top of being valid. They are not part of parsing because definitions
/// saved before a rule existed must keep running: a stored version is parsed at every run and must not break.
/// </summary>
internal static class DefinitionSaveChecks
{
    public const string VaultPlacement =
        "Vault secrets ({{vault.…}}) may be used only in an api_call's header values and body, never in a URL, a log message or any other field.";

    public static List<DefinitionError> Check(SpinnerDefinition definition, string path)
    {
        var errors = new List<DefinitionError>();
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var step = definition.Steps[i];
            var stepPath = $"{path}.steps[{i}]";
            foreach (var (field, value) in StringFields(step))
            {
                CheckVaultReferences(step, field, value, $"{stepPath}.{field}", errors);
            }

            if (step is ApiCallStep call)
            {
                foreach (var (name, value) in call.Headers)
                {
                    if (CredentialHeaders.IsCredential(name) && CredentialHeaders.HoldsLiteral(value))
                    {
                        errors.Add(new DefinitionError(
                            $"{stepPath}.headers.{name}",
                            $"'{name}' carries a credential written into the definition; store it in the vault and write {{{{vault.<label>}}}} instead (e.g. \"Bearer {{{{vault.crm_token}}}}\")."));
                    }
                }
            }
        }

        return errors;
    }

    /// <summary>Every vault label a valid definition reads, with the path of its first use.</summary>
    public static List<(string Label, string Path)> VaultReferences(SpinnerDefinition definition, string path)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            foreach (var (field, value) in StringFields(definition.Steps[i]))
            {
                foreach (var label in Templates.VaultLabels(value))
                {
                    seen.TryAdd(label, $"{path}.steps[{i}].{field}");
                }
            }
        }

        return seen.Select(s => (s.Key, s.Value)).ToList();
    }

    private static void CheckVaultReferences(SpinnerStep step, string field, string value, string path, List<DefinitionError> errors)
    {
        var labels = Templates.VaultLabels(value).ToList();
        if (labels.Count == 0)
        {
            return;
        }

        var allowed = step is ApiCallStep && (field == "body" || field.StartsWith("headers.", StringComparison.Ordinal));
        if (!allowed)
        {
            errors.Add(new DefinitionError(path, VaultPlacement));
            return;
        }

        foreach (var label in labels.Where(l => !VaultLabel.IsValid(l)))
        {
            errors.Add(new DefinitionError(path, $"'{{{{vault.{label}}}}}' names no possible label. {VaultLabel.Rule}"));
        }
    }

    /// <summary>
    /// Every string a step holds, by its path inside the step, read from the step's canonical JSON: a field added to a
    /// step type later is covered without this class learning about it.
    /// </summary>
    private static IEnumerable<(string Field, string Value)> StringFields(SpinnerStep step)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            step.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        var found = new List<(string, string)>();
        Walk(document.RootElement, null, found);
        return found;
    }

    private static void Walk(JsonElement element, string? path, List<(string, string)> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    Walk(member.Value, path is null ? member.Name : $"{path}.{member.Name}", found);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index++}]", found);
                }

                break;
            case JsonValueKind.String when path is not null:
                found.Add((path, element.GetString()!));
                break;
        }
    }
}
