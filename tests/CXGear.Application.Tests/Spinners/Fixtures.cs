using System.Text.Json;
using System.Text.Json.Nodes;
using CXGear.Application.Channels.Common;
using CXGear.Application.Spinners.Runtime;
using CXGear.Application.Spinners.Runtime.Ai;
using CXGear.Application.Spinners.Runtime.Functions;
using CXGear.Application.Spinners.Runtime.Channels;
using CXGear.Application.Spinners.Runtime.Outbound;
using CXGear.Application.Spinners.Runtime.Secrets;
using CXGear.Domain.Spinners.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CXGear.Application.Tests.Spinners;

internal static class Fixtures
{
    public static readonly RunContext Context = new(
        Guid.Parse("11111111-1111-1111-1111-111111111111"),
        Guid.Parse("22222222-2222-2222-2222-222222222222"),
        Guid.Parse("33333333-3333-3333-3333-333333333333"),
        Guid.Parse("44444444-4444-4444-4444-444444444444"))
    {
        ProjectId = Guid.Parse("55555555-5555-5555-5555-555555555555"),
    };

    public static SpinnerDefinition Definition(params string[] singleQuotedSteps)
    {
        var json = ("{'steps':[" + string.Join(",", singleQuotedSteps) + "]}").Replace('\'', '"');
        var result = SpinnerDefinition.Parse(json);
        Assert.That(result.Errors, Is.Empty);
        return result.Definition!;
    }

    public static Dictionary<string, JsonElement> Payload(params (string Key, object? Value)[] fields) =>
        fields.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value));

    public static RecordState State(Dictionary<string, JsonElement>? payload = null, JsonObject? outputs = null)
    {
        var state = new RecordState(payload ?? [], Context);
        foreach (var (key, value) in outputs ?? [])
        {
            state.Outputs[key] = value?.DeepClone();
        }

        return state;
    }

    public static SpinnerEngine Engine(
        IOutboundHttp? http = null,
        TimeProvider? time = null,
        int maxSteps = 200,
        ILogger<SpinnerEngine>? logger = null,
        IVaultSecretReader? vault = null,
        IFunctionRunner? functions = null,
        IAiChat? ai = null,
        IAiProviderSettingsReader? aiSettings = null,
        IChannelMessenger? channels = null) =>
        new(
            http ?? new FakeOutboundHttp(),
            vault ?? new FakeVaultSecretReader(),
            functions ?? new Mock<IFunctionRunner>(MockBehavior.Strict).Object,
            ai ?? new Mock<IAiChat>(MockBehavior.Strict).Object,
            aiSettings ?? new Mock<IAiProviderSettingsReader>(MockBehavior.Strict).Object,
            channels ?? new FakeChannelMessenger(),
            time ?? new FakeTimeProvider(),
            Options.Create(new SpinnerEngineOptions { MaxStepsPerRecord = maxSteps }),
            logger ?? NullLogger<SpinnerEngine>.Instance);
}

/// <summary>Channels in memory: answers each send with the next queued result, else "sent" with a fresh id.</summary>
internal sealed class FakeChannelMessenger : IChannelMessenger
{
    public Queue<ChannelSendResult> Answers { get; } = new();

    public List<(Guid Organization, Guid Channel, WhatsAppTemplateMessage Message)> Sent { get; } = [];

    public Task<ChannelSendResult> SendTemplateAsync(Guid organizationId, Guid channelId, WhatsAppTemplateMessage message, CancellationToken cancellationToken)
    {
        Sent.Add((organizationId, channelId, message));
        return Task.FromResult(Answers.Count > 0 ? Answers.Dequeue() : new ChannelSendResult(ChannelSendOutcome.Sent, $"wamid.{Sent.Count}", "+1 555-0100"));
    }
}

/// <summary>An organization's vault in memory: labels to values, read at each step like the real one.</summary>
internal sealed class FakeVaultSecretReader : IVaultSecretReader
{
    public Dictionary<(Guid Organization, string Label), string> Values { get; } = [];

    public List<IReadOnlyCollection<string>> Reads { get; } = [];

    public Task<IReadOnlyDictionary<string, string>> RevealAsync(Guid organizationId, IReadOnlyCollection<string> labels, CancellationToken cancellationToken)
    {
        Reads.Add(labels);
        IReadOnlyDictionary<string, string> found = labels
            .Where(l => Values.ContainsKey((organizationId, l)))
            .ToDictionary(l => l, l => Values[(organizationId, l)]);
        return Task.FromResult(found);
    }
}

/// <summary>Records every request and answers with queued responses (or throws a queued exception).</summary>
internal sealed class FakeOutboundHttp : IOutboundHttp
{
    private readonly Queue<Func<OutboundResponse>> _answers = new();

    public List<OutboundRequest> Requests { get; } = [];

    public FakeOutboundHttp Answer(int status, string body = "", string? contentType = null, bool truncated = false)
    {
        _answers.Enqueue(() => new OutboundResponse(status, body, contentType, truncated));
        return this;
    }

    public FakeOutboundHttp Throw(Exception exception)
    {
        _answers.Enqueue(() => throw exception);
        return this;
    }

    public Task<OutboundResponse> SendAsync(OutboundRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(_answers.Count > 0 ? _answers.Dequeue()() : new OutboundResponse(200, "", null, false));
    }
}
