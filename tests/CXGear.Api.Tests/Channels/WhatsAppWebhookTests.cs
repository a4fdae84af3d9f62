using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Channels.Webhooks;
using CXGear.Application.Common.Abstractions;
using CXGear.Domain.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Channels;

/// <summary>
/// <c>GET/POST /public/channels/whatsapp/webhook</c> and the applier behind it: verification, signatures over the raw
/// body, idempotent statuses and inbound messages, unknown numbers, statuses that overtake their message.
/// </summary>
public sealed class WhatsAppWebhookTests : ChannelsTestBase
{
    private const string Webhook = "/api/v1/public/channels/whatsapp/webhook";

    private ChannelWebhookApplier Applier => Factory.Services.GetRequiredService<ChannelWebhookApplier>();

    [Test]
    public async Task Verification_answers_the_challenge_as_text_plain_when_the_verify_token_matches()
    {
        var response = await Client.GetAsync($"{Webhook}?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("1158201444"));
    }

    [TestCase("subscribe", "wrong-token")]
    [TestCase("subscribe", null)]
    [TestCase("unsubscribe", VerifyToken)]
    public async Task Verification_with_a_wrong_token_or_mode_is_403(string mode, string? token)
    {
        var response = await Client.GetAsync($"{Webhook}?hub.mode={mode}&hub.challenge=42" + (token is null ? string.Empty : $"&hub.verify_token={token}"));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Test]
    public async Task A_signed_post_is_stored_and_answered_200_and_its_message_appears_once_applied()
    {
        var (admin, channel) = await ConnectedAsync();
        var wamid = NewWamid();
        var deliveries = await DeliveryCountAsync();

        var response = await PostSignedAsync(Inbound(channel, wamid, "Hello there"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(await DeliveryCountAsync(), Is.EqualTo(deliveries + 1));
        Assert.That(await MessagesAsync(admin.AccessToken, channel), Is.Empty, "applied later, not by the POST");

        await Applier.ApplyDueAsync(CancellationToken.None);

        var message = (await MessagesAsync(admin.AccessToken, channel)).Single();
        Assert.That(
            ((string?)message["direction"], (string?)message["providerMessageId"], (string?)message["from"], (string?)message["type"], (string?)message["text"], (string?)message["status"]),
            Is.EqualTo(("inbound", wamid, "15551230001", "text", "Hello there", "received")));
        Assert.That((await ChannelsAsync(admin.AccessToken)).Single()["lastEventAt"]?.GetValue<DateTime>(), Is.EqualTo(Factory.Clock.GetUtcNow().UtcDateTime));
    }

    [Test]
    public async Task A_missing_or_wrong_signature_or_a_body_changed_by_one_byte_is_401_and_nothing_is_stored()
    {
        var (_, channel) = await ConnectedAsync();
        var body = Inbound(channel, NewWamid(), "Hello");
        var changed = body.Replace("Hello", "Hellp", StringComparison.Ordinal);
        var deliveries = await DeliveryCountAsync();

        var cases = new[]
        {
            await PostRawAsync(body, signature: null),
            await PostRawAsync(body, signature: "sha256=" + new string('0', 64)),
            await PostRawAsync(body, signature: Sign(body).Replace("sha256=", "sha1=", StringComparison.Ordinal)),
            await PostRawAsync(changed, signature: Sign(body)),
            await PostRawAsync(body, signature: "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("another-secret"), Encoding.UTF8.GetBytes(body)))),
        };

        foreach (var response in cases)
        {
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }

        Assert.That(await DeliveryCountAsync(), Is.EqualTo(deliveries));
        Assert.That(string.Join("\n", Factory.Logs), Does.Not.Contain("Hellp"), "the body is never logged");
    }

    [Test]
    public async Task A_redelivered_inbound_message_is_stored_once()
    {
        var (admin, channel) = await ConnectedAsync();
        var body = Inbound(channel, NewWamid(), "Twice");

        await PostSignedAsync(body);
        await PostSignedAsync(body);
        await Applier.ApplyDueAsync(CancellationToken.None);
        await PostSignedAsync(body);
        await Applier.ApplyDueAsync(CancellationToken.None);

        Assert.That(await MessagesAsync(admin.AccessToken, channel), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task Statuses_only_move_forward_a_redelivered_or_older_one_changes_nothing_and_failed_ends_it()
    {
        var (admin, channel) = await ConnectedAsync();
        var wamid = await SeedOutboundAsync(admin, channel);

        await PostSignedAsync(Status(channel, wamid, "delivered", 1_764_579_700));
        await Applier.ApplyDueAsync(CancellationToken.None);
        var delivered = (await MessagesAsync(admin.AccessToken, channel)).Single();

        await PostSignedAsync(Status(channel, wamid, "sent", 1_764_579_600));
        await PostSignedAsync(Status(channel, wamid, "delivered", 1_764_579_700));
        await Applier.ApplyDueAsync(CancellationToken.None);
        var unchanged = (await MessagesAsync(admin.AccessToken, channel)).Single();

        await PostSignedAsync(Status(channel, wamid, "read", 1_764_579_800));
        await Applier.ApplyDueAsync(CancellationToken.None);
        var read = (await MessagesAsync(admin.AccessToken, channel)).Single();

        await PostSignedAsync(Status(channel, wamid, "failed", 1_764_579_900, errorCode: 131047, errorTitle: "Re-engagement message"));
        await Applier.ApplyDueAsync(CancellationToken.None);
        var failed = (await MessagesAsync(admin.AccessToken, channel)).Single();
        await PostSignedAsync(Status(channel, wamid, "read", 1_764_580_000));
        await Applier.ApplyDueAsync(CancellationToken.None);
        var stillFailed = (await MessagesAsync(admin.AccessToken, channel)).Single();

        var at = DateTimeOffset.FromUnixTimeSeconds(1_764_579_700).UtcDateTime;
        Assert.That(((string?)delivered["status"], (DateTime?)delivered["statusAt"]), Is.EqualTo(("delivered", (DateTime?)at)));
        Assert.That(unchanged.ToJsonString(), Is.EqualTo(delivered.ToJsonString()));
        Assert.That((string?)read["status"], Is.EqualTo("read"));
        Assert.That(((string?)failed["status"], (string?)failed["error"]), Is.EqualTo(("failed", "131047: Re-engagement message")));
        Assert.That(stillFailed.ToJsonString(), Is.EqualTo(failed.ToJsonString()));
    }

    [Test]
    public async Task A_status_that_overtakes_its_message_waits_and_applies_once_the_message_is_written()
    {
        var (admin, channel) = await ConnectedAsync();
        var wamid = NewWamid();
        await PostSignedAsync(Status(channel, wamid, "delivered", 1_764_579_700));
        await Applier.ApplyDueAsync(CancellationToken.None);
        Assert.That(await PendingCountAsync(), Is.EqualTo(1));

        await SeedOutboundAsync(admin, channel, wamid);
        Advance(TimeSpan.FromSeconds(2));
        await Applier.ApplyDueAsync(CancellationToken.None);

        Assert.That((string?)(await MessagesAsync(admin.AccessToken, channel)).Single()["status"], Is.EqualTo("delivered"));
        Assert.That(await PendingCountAsync(), Is.Zero);
    }

    [Test]
    public async Task A_status_whose_message_never_appears_is_given_up_after_the_pending_window()
    {
        var (_, channel) = await ConnectedAsync();
        await PostSignedAsync(Status(channel, NewWamid(), "sent", 1_764_579_700));
        await Applier.ApplyDueAsync(CancellationToken.None);
        Assert.That(await PendingCountAsync(), Is.EqualTo(1));

        Advance(ChannelWebhookDelivery.PendingWindow);
        await Applier.ApplyDueAsync(CancellationToken.None);

        Assert.That(await PendingCountAsync(), Is.Zero);
        Assert.That(await OutcomesAsync(), Has.Some.EqualTo(DeliveryOutcomes.Unmatched));
    }

    [Test]
    public async Task An_unknown_phone_number_id_is_acknowledged_ignored_and_logged_once()
    {
        var stranger = $"9{Guid.NewGuid().ToString("N")[..12].Replace('a', '1').Replace('b', '2').Replace('c', '3').Replace('d', '4').Replace('e', '5').Replace('f', '6')}";
        var body = Inbound(stranger, NewWamid(), "Anyone?");

        Assert.That((await PostSignedAsync(body)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await PostSignedAsync(Inbound(stranger, NewWamid(), "Still there?"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Applier.ApplyDueAsync(CancellationToken.None);

        Assert.That(await PendingCountAsync(), Is.Zero);
        Assert.That(await Seed.CountAsync(Factory, db => db.ChannelMessages.IgnoreQueryFilters().Where(m => m.Text == "Anyone?")), Is.Zero);
        Assert.That(Factory.Logs.Count(l => l.Contains(stranger, StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task Messages_of_another_organizations_channel_are_404()
    {
        var (owner, channel) = await ConnectedAsync();
        var other = await SignUpAsync();
        await PostSignedAsync(Inbound(channel, NewWamid(), "Private"));
        await Applier.ApplyDueAsync(CancellationToken.None);
        var id = (string)(await ChannelsAsync(owner.AccessToken)).Single()["id"]!;

        await AssertProblemAsync(await GetAsync($"/api/v1/channels/{id}/messages", other.AccessToken), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await MessagesAsync(owner.AccessToken, channel), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task A_body_over_three_megabytes_is_413_and_nothing_is_stored()
    {
        var deliveries = await DeliveryCountAsync();
        var body = "{\"object\":\"whatsapp_business_account\",\"pad\":\"" + new string('x', ChannelWebhookDelivery.MaxBodyBytes) + "\"}";

        var response = await PostRawAsync(body, Sign(body));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.That(await DeliveryCountAsync(), Is.EqualTo(deliveries));
    }

    private async Task<(Signed Admin, string PhoneNumberId)> ConnectedAsync()
    {
        var admin = await SignUpAsync();
        var business = await ConnectBusinessAsync(admin);
        return (admin, business.PhoneNumbers[0].Id);
    }

    private async Task<string> SeedOutboundAsync(Signed admin, string phoneNumberId, string? wamid = null)
    {
        wamid ??= NewWamid();
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var channel = await db.Channels.IgnoreQueryFilters().SingleAsync(c => c.PhoneNumberId == phoneNumberId);
        db.ChannelMessages.Add(ChannelMessage.Outbound(
            channel.OrganizationId, channel.Id, wamid, channel.PhoneNumber, "+15551230001", "welcome", Guid.NewGuid(), Guid.NewGuid(), "w1", Factory.Clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        return wamid;
    }

    private async Task<JsonNode[]> MessagesAsync(string token, string phoneNumberId)
    {
        var id = (string)(await ChannelsAsync(token)).Single(c => (string?)c["phoneNumberId"] == phoneNumberId)["id"]!;
        var response = await GetAsync($"/api/v1/channels/{id}/messages", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["items"]!.AsArray().Select(i => i!).ToArray();
    }

    private Task<int> DeliveryCountAsync() => Seed.CountAsync(Factory, db => db.ChannelWebhookDeliveries);

    private Task<int> PendingCountAsync() => Seed.CountAsync(Factory, db => db.ChannelWebhookDeliveries.Where(d => d.ProcessedAt == null));

    private async Task<List<string?>> OutcomesAsync()
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().ChannelWebhookDeliveries.Select(d => d.Outcome).ToListAsync();
    }

    private static string NewWamid() => "wamid.HBgL" + Guid.NewGuid().ToString("N");

    internal static string Sign(string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(AppSecret), Encoding.UTF8.GetBytes(body)));

    private Task<HttpResponseMessage> PostSignedAsync(string body) => PostRawAsync(body, Sign(body));

    private Task<HttpResponseMessage> PostRawAsync(string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Webhook) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        return Client.SendAsync(request);
    }

    internal static string Envelope(string phoneNumberId, JsonObject value)
    {
        value["messaging_product"] = "whatsapp";
        value["metadata"] = new JsonObject { ["display_phone_number"] = "15550100001", ["phone_number_id"] = phoneNumberId };
        return new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "102290129340398",
                ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = "messages" }),
            }),
        }.ToJsonString();
    }

    internal static string Inbound(string phoneNumberId, string wamid, string text) => Envelope(phoneNumberId, new JsonObject
    {
        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Kerry" }, ["wa_id"] = "15551230001" }),
        ["messages"] = new JsonArray(new JsonObject
        {
            ["from"] = "15551230001", ["id"] = wamid, ["timestamp"] = "1764579600", ["type"] = "text", ["text"] = new JsonObject { ["body"] = text },
        }),
    });

    internal static string Status(string phoneNumberId, string wamid, string status, long timestamp, int? errorCode = null, string? errorTitle = null)
    {
        var item = new JsonObject
        {
            ["id"] = wamid, ["status"] = status, ["timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), ["recipient_id"] = "15551230001",
        };
        if (errorCode is not null)
        {
            item["errors"] = new JsonArray(new JsonObject { ["code"] = errorCode, ["title"] = errorTitle });
        }

        return Envelope(phoneNumberId, new JsonObject { ["statuses"] = new JsonArray(item) });
    }
}
