using CXGear.Application.Spinners.Runtime;
using CXGear.Application.Spinners.Runtime.Channels;
using Microsoft.Extensions.Time.Testing;
using static CXGear.Application.Tests.Spinners.Fixtures;

namespace CXGear.Application.Tests.Spinners;

/// <summary>The engine's <c>send_whatsapp</c>: what it renders and sends, what it saves, and how a send that did not happen fails.</summary>
public sealed class SendWhatsAppStepTests
{
    private static readonly Guid ChannelId = Guid.Parse("0195f0a2-7c1e-7b3a-9a51-2f6d3c9e8b10");

    private static readonly string Send =
        "{'id':'w1','type':'send_whatsapp','channelId':'" + ChannelId + "','to':'{{payload.phone}}',"
        + "'template':{'name':'welcome','language':'en_US','parameters':['{{name}}','{{payload.missing}}']},'saveAs':'wa','next':'l1'}";

    private const string Log = "{'id':'l1','type':'log','message':'sent {{output.wa.messageId}}'}";

    [Test]
    public async Task The_recipient_is_sent_as_digits_with_rendered_parameters_and_the_answer_is_saved_and_kept_for_the_flush()
    {
        var channels = new FakeChannelMessenger();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        var result = await Engine(time: time, channels: channels).RunAsync(
            Definition(Send, Log), Payload(("phone", "+44 (20) 7946-0958"), ("name", "Ada")), Context, CancellationToken.None);

        var (organization, channel, message) = channels.Sent.Single();
        Assert.That((organization, channel), Is.EqualTo((Context.OrganizationId, ChannelId)));
        Assert.That((message.To, message.TemplateName, message.Language), Is.EqualTo(("442079460958", "welcome", "en_US")));
        Assert.That(message.Parameters, Is.EqualTo(new[] { "Ada", "‹payload.missing›" }));
        Assert.That(result.Status, Is.EqualTo(RecordStatus.Completed));
        Assert.That(result.Outputs["wa"]!.ToJsonString(), Is.EqualTo("{\"messageId\":\"wamid.1\",\"status\":\"accepted\"}"));
        Assert.That(result.Journey.Select(j => (j.Outcome, j.Message)), Is.EqualTo(new[]
        {
            ("whatsapp_accepted", "WhatsApp template 'welcome' to 442079460958 → accepted (wamid.1)"),
            ("logged", "sent wamid.1"),
        }));
        Assert.That(result.ChannelMessagesSent, Is.EqualTo(new[]
        {
            new OutboundChannelMessage(ChannelId, "wamid.1", "+1 555-0100", "442079460958", "welcome", "w1", time.GetUtcNow().UtcDateTime),
        }));
    }

    [TestCase("12345")]
    [TestCase("+1 555 0100 0100 0100")]
    [TestCase("call me")]
    [TestCase("")]
    public async Task A_recipient_that_is_not_6_to_15_digits_fails_before_anything_is_sent(string phone)
    {
        var channels = new FakeChannelMessenger();

        var result = await Engine(channels: channels).RunAsync(Definition(Send, Log), Payload(("phone", phone)), Context, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(RecordStatus.Failed));
        Assert.That(result.Journey.Single().Outcome, Is.EqualTo("whatsapp_failed"));
        Assert.That(channels.Sent, Is.Empty);
    }

    [Test]
    public async Task An_unavailable_channel_and_a_provider_error_fail_the_record_with_their_codes_and_keep_no_message()
    {
        var channels = new FakeChannelMessenger();
        channels.Answers.Enqueue(new ChannelSendResult(ChannelSendOutcome.Unavailable));
        channels.Answers.Enqueue(new ChannelSendResult(ChannelSendOutcome.ProviderError, ProviderCode: "131030", Status: 400, Error: "Recipient phone number not in allowed list"));
        channels.Answers.Enqueue(new ChannelSendResult(ChannelSendOutcome.ProviderError, Status: null, Error: "No response from the Graph API within the time limit."));
        var engine = Engine(channels: channels);
        var payload = Payload(("phone", "+15550001"));

        var unavailable = await engine.RunAsync(Definition(Send, Log), payload, Context, CancellationToken.None);
        var refused = await engine.RunAsync(Definition(Send, Log), payload, Context, CancellationToken.None);
        var silent = await engine.RunAsync(Definition(Send, Log), payload, Context, CancellationToken.None);

        Assert.That(unavailable.Error, Does.StartWith($"CHANNEL_UNAVAILABLE: channel {ChannelId} is not connected to this organization"));
        Assert.That(refused.Error, Is.EqualTo("PROVIDER_ERROR: 131030 Recipient phone number not in allowed list"));
        Assert.That(silent.Error, Is.EqualTo("PROVIDER_ERROR: no answer No response from the Graph API within the time limit."));
        Assert.That(new[] { unavailable, refused, silent }.Select(r => (r.Status, r.Journey.Single().Outcome, r.ChannelMessagesSent.Count)), Is.EqualTo(new[]
        {
            (RecordStatus.Failed, "channel_unavailable", 0), (RecordStatus.Failed, "provider_error", 0), (RecordStatus.Failed, "provider_error", 0),
        }));
    }
}
