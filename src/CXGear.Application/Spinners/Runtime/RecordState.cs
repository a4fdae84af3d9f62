using System.Text.Json;
using System.Text.Json.Nodes;

namespace CXGear.Application.Spinners.Runtime;

/// <summary>A record while it runs: the row's fields (read-only), the outputs steps have written so far, and the ids.</summary>
public sealed class RecordState(IReadOnlyDictionary<string, JsonElement> payload, RunContext context)
{
    public IReadOnlyDictionary<string, JsonElement> Payload { get; } = payload;

    public JsonObject Outputs { get; } = [];

    public RunContext Context { get; } = context;
}
