using System.Text.RegularExpressions;
using NSwag;

namespace CXGear.Api.OpenApi;

/// <summary>
/// Makes the document a stable artifact: paths, methods, schemas and tags in a fixed order (not the order reflection
/// happened to find controllers in), and no schema that nothing references, so the committed snapshot changes only
/// when the contract does.
/// </summary>
internal static partial class DocumentOrder
{
    private static readonly string[] MethodOrder =
    [
        OpenApiOperationMethod.Get, OpenApiOperationMethod.Put, OpenApiOperationMethod.Post,
        OpenApiOperationMethod.Patch, OpenApiOperationMethod.Delete,
    ];

    public static void Apply(OpenApiDocument document)
    {
        RemoveUnreferencedSchemas(document);
        Sort(document.Definitions, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        Sort(document.Paths, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var item in document.Paths.Values)
        {
            Sort(item, (a, b) => Rank(a.Key).CompareTo(Rank(b.Key)));
        }

        var tags = document.Tags.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        document.Tags.Clear();
        foreach (var tag in tags)
        {
            document.Tags.Add(tag);
        }
    }

    /// <summary>
    /// Schemas generated for types the document no longer shows (a marker property removed from a command, a
    /// <c>JsonElement</c> replaced by its shape). Repeated until none is left, since removing one can orphan another.
    /// </summary>
    private static void RemoveUnreferencedSchemas(OpenApiDocument document)
    {
        while (true)
        {
            var referenced = SchemaReference().Matches(document.ToJson()).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            var unused = document.Definitions.Keys.Where(name => !referenced.Contains(name)).ToList();
            if (unused.Count == 0)
            {
                return;
            }

            foreach (var name in unused)
            {
                document.Definitions.Remove(name);
            }
        }
    }

    private static int Rank(string method)
    {
        var index = Array.IndexOf(MethodOrder, method);
        return index < 0 ? MethodOrder.Length : index;
    }

    private static void Sort<TValue>(IDictionary<string, TValue> dictionary, Comparison<KeyValuePair<string, TValue>> comparison)
    {
        var entries = dictionary.ToList();
        entries.Sort(comparison);
        dictionary.Clear();
        foreach (var (key, value) in entries)
        {
            dictionary[key] = value;
        }
    }

    [GeneratedRegex("\"#/components/schemas/([^\"]+)\"")]
    private static partial Regex SchemaReference();
}
