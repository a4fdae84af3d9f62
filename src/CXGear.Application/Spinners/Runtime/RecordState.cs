using System.Text.Json;
using System.Text.Json.Nodes;
using CXGear.Application.Spinners.Runtime.Channels;
using CXGear.Application.Spinners.Runtime.Secrets;

namespace CXGear.Application.Spinners.Runtime;

/// <summary>
/// A record while it runs: the row's fields (read-only), the outputs steps have written so far, the ids, and its
/// access to the organization's vault.
/// </summary>
public sealed class RecordState(IReadOnlyDictionary<string, JsonElement> payload, RunContext context, RecordSecrets? secrets = null)
{
    public IReadOnlyDictionary<string, JsonElement> Payload { get; } = payload;

    public JsonObject Outputs { get; } = [];

    public RunContext Context { get; } = context;

    public RecordSecrets Secrets { get; } = secrets ?? RecordSecrets.None(context.OrganizationId);

    /// <summary>Messages this record's steps sent; the job's flush writes them with the record's outcome.</summary>
    public List<OutboundChannelMessage> ChannelMessages { get; } = [];
}
