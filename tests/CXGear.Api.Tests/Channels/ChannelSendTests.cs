using System.Net;
using System.Text.Json.Nodes;
using CXGear.Application.Channels.Webhooks;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Organizations;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Channels;

/// <summary>
/// The <c>send_whatsapp</c> step end to end over HTTP against the fake Graph API: connect, save (channel checked),
/// run, statuses back through the webhook into the message and the record's journey; provider errors and retries.
/// </summary>
public sealed class ChannelSendTests : ChannelsTestBase
{
    private static string SendThenTag(string channelId) =>
        "{'steps':[{'id':'w1','type':'send_whatsapp','channelId':'" + channelId + "','to':'{{payload.phone}}',"
        + "'template':{'name':'welcome','language':'en_US','parameters':['{{name}}','{{payload.city}}']},'saveAs':'whatsapp','next':'t1'},"
        + "{'id':'t1','type':'tag','disposition':'Messaged'}]}";

    private ChannelWebhookApplier Applier => Factory.Services.GetRequiredService<ChannelWebhookApplier>();

    private async Task<(Arranged Job, FakeGraphApi.Business Business, string ChannelId)> ArrangeAsync()
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        var business = await ConnectBusinessAsync(a.Admin);
        var channelId = (string)(await ChannelsAsync(a.Admin.AccessToken)).Single()["id"]!;
        return (a, business, channelId);
    }

    private FakeGraphApi.Received[] SendsFrom(string phoneNumberId) =>
        Graph.Requests.Where(r => r.Method == "POST" && r.Path == $"/{FakeGraphApi.Version}/{phoneNumberId}/messages").ToArray();

    private async Task<JsonNode[]> MessagesAsync(string token, string channelId)
    {
        var response = await GetAsync($"/api/v1/channels/{channelId}/messages", token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["items"]!.AsArray().Select(i => i!).ToArray();
    }

    [Test]
    public async Task Connect_send_delivered_read_the_whole_path_over_http()
    {
        var (a, business, channelId) = await ArrangeAsync();
        var token = a.Admin.AccessToken;
        var phoneNumberId = business.PhoneNumbers[0].Id;
        var jobId = await ArrangeWithDefinitionAsync(a, SendThenTag(channelId));

        await Runner.RunOnceAsync(CancellationToken.None);

        var record = (await RecordsAsync(token, jobId)).Single();
        Assert.That((string?)record["status"], Is.EqualTo("completed"), record.ToJsonString());
        var messageId = (string)record["outputs"]!["whatsapp"]!["messageId"]!;
        Assert.That(messageId, Does.StartWith("wamid."));
        Assert.That((string?)record["outputs"]!["whatsapp"]!["status"], Is.EqualTo("accepted"));

        var sent = SendsFrom(phoneNumberId).Single();
        Assert.That(sent.Authorization, Is.EqualTo("Bearer " + business.Token));
        var body = JsonNode.Parse(sent.Body)!;
        Assert.That(
            ((string?)body["messaging_product"], (string?)body["to"], (string?)body["type"], (string?)body["template"]!["name"], (string?)body["template"]!["language"]!["code"]),
            Is.EqualTo(("whatsapp", "15550001", "template", "welcome", "en_US")));
        Assert.That(body["template"]!["components"]![0]!["parameters"]!.AsArray().Select(p => (string?)p!["text"]), Is.EqualTo(new[] { "Name 1", "City 1" }));

        var outbound = (await MessagesAsync(token, channelId)).Single();
        Assert.That(
            ((string?)outbound["direction"], (string?)outbound["providerMessageId"], (string?)outbound["status"], (string?)outbound["templateName"], (string?)outbound["to"], (string?)outbound["jobId"], (string?)outbound["recordId"]),
            Is.EqualTo(("outbound", messageId, "accepted", "welcome", "15550001", jobId, (string?)record["id"])));

        foreach (var (status, at) in new[] { ("sent", 1_764_579_601L), ("delivered", 1_764_579_602L), ("read", 1_764_579_700L) })
        {
            Assert.That((await PostWebhookAsync(WhatsAppWebhookTests.Status(phoneNumberId, messageId, status, at))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await Applier.ApplyDueAsync(CancellationToken.None);

        Assert.That((string?)(await MessagesAsync(token, channelId)).Single()["status"], Is.EqualTo("read"));
        var journey = await JourneyAsync(token, (string)record["id"]!);
        Assert.That(journey.Select(j => string.Join(':', j.Split(':').Take(2))), Is.EqualTo(new[]
        {
            "w1:whatsapp_accepted", "t1:tagged", "w1:whatsapp_sent", "w1:whatsapp_delivered", "w1:whatsapp_read",
        }));
        Assert.That(journey[^1], Does.Contain("welcome").And.Contain("read"));
        Assert.That(string.Join("\n", Factory.Logs), Does.Not.Contain(business.Token));
    }

    [Test]
    public async Task A_channel_of_another_organization_or_none_is_a_400_at_its_path_when_saving()
    {
        var (a, _, _) = await ArrangeAsync();
        var other = await SignUpAsync();
        await ConnectBusinessAsync(other);
        var foreign = (string)(await ChannelsAsync(other.AccessToken)).Single()["id"]!;

        foreach (var channelId in new[] { foreign, Guid.NewGuid().ToString() })
        {
            var put = await SendAsync(HttpMethod.Put, $"/api/v1/spinners/{a.SpinnerId}", new { name = "Outreach", definition = Def(SendThenTag(channelId)) }, a.Admin.AccessToken);
            var problem = await AssertProblemAsync(put, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
            Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "definition.steps[0].channelId" }), problem.ToJsonString());
        }

        var created = await CreateSpinnerRawAsync(a.Admin.AccessToken, a.ProjectId, new { name = "Other", dataTableId = a.TableId, definition = Def(SendThenTag(foreign)) });
        await AssertProblemAsync(created, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task A_provider_4xx_fails_the_record_with_its_code_without_retrying_and_keeps_no_message()
    {
        var (a, business, channelId) = await ArrangeAsync();
        var jobId = await ArrangeWithDefinitionAsync(a, SendThenTag(channelId));
        Graph.SendAnswers.Enqueue((400, "{\"error\":{\"message\":\"(#132001) Template name does not exist in the translation\",\"type\":\"OAuthException\",\"code\":132001,\"fbtrace_id\":\"A1\"}}"));

        await Runner.RunOnceAsync(CancellationToken.None);

        var record = (await RecordsAsync(a.Admin.AccessToken, jobId)).Single();
        Assert.That((string?)record["status"], Is.EqualTo("failed"));
        Assert.That((string?)record["error"], Does.StartWith("PROVIDER_ERROR: 132001").And.Contain("Template name does not exist"));
        Assert.That(await JourneyAsync(a.Admin.AccessToken, (string)record["id"]!), Has.Some.StartWith("w1:provider_error:PROVIDER_ERROR: 132001"));
        Assert.That(SendsFrom(business.PhoneNumbers[0].Id), Has.Length.EqualTo(1), "a refusal is not retried");
        Assert.That(await MessagesAsync(a.Admin.AccessToken, channelId), Is.Empty);
    }

    [Test]
    public async Task A_429_and_a_503_are_retried_and_the_send_completes()
    {
        var (a, business, channelId) = await ArrangeAsync();
        var jobId = await ArrangeWithDefinitionAsync(a, SendThenTag(channelId));
        Graph.SendAnswers.Enqueue((429, "{\"error\":{\"message\":\"Rate limit hit\",\"code\":130429}}"));
        Graph.SendAnswers.Enqueue((503, "{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":2}}"));

        await Runner.RunOnceAsync(CancellationToken.None);

        var record = (await RecordsAsync(a.Admin.AccessToken, jobId)).Single();
        Assert.That((string?)record["status"], Is.EqualTo("completed"), record.ToJsonString());
        Assert.That(SendsFrom(business.PhoneNumbers[0].Id), Has.Length.EqualTo(3));
        Assert.That(await MessagesAsync(a.Admin.AccessToken, channelId), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task A_5xx_that_outlasts_the_retries_fails_the_record_as_a_provider_error()
    {
        var (a, business, channelId) = await ArrangeAsync();
        var jobId = await ArrangeWithDefinitionAsync(a, SendThenTag(channelId));
        for (var i = 0; i < 4; i++)
        {
            Graph.SendAnswers.Enqueue((500, "{\"error\":{\"message\":\"An unknown error occurred\",\"code\":1}}"));
        }

        await Runner.RunOnceAsync(CancellationToken.None);

        var record = (await RecordsAsync(a.Admin.AccessToken, jobId)).Single();
        Assert.That(((string?)record["status"], (string?)record["error"]), Is.EqualTo(("failed", "PROVIDER_ERROR: 1 An unknown error occurred (HTTP 500)")));
        Assert.That(SendsFrom(business.PhoneNumbers[0].Id), Has.Length.EqualTo(4), "the first try and three retries");
    }

    [Test]
    public async Task A_channel_deleted_after_the_save_fails_each_record_with_CHANNEL_UNAVAILABLE_before_anything_is_sent()
    {
        var (a, business, channelId) = await ArrangeAsync();
        var jobId = await ArrangeWithDefinitionAsync(a, SendThenTag(channelId));
        Assert.That((await SendAsync(HttpMethod.Delete, $"/api/v1/channels/{channelId}", token: a.Admin.AccessToken)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await Runner.RunOnceAsync(CancellationToken.None);

        var record = (await RecordsAsync(a.Admin.AccessToken, jobId)).Single();
        Assert.That((string?)record["status"], Is.EqualTo("failed"));
        Assert.That((string?)record["error"], Does.StartWith("CHANNEL_UNAVAILABLE:"));
        Assert.That(await JourneyAsync(a.Admin.AccessToken, (string)record["id"]!), Has.Some.StartWith("w1:channel_unavailable:"));
        Assert.That(SendsFrom(business.PhoneNumbers[0].Id), Is.Empty);
    }

    [Test]
    public async Task A_recipient_that_is_not_a_phone_number_fails_the_record_before_anything_is_sent()
    {
        var (a, business, channelId) = await ArrangeAsync();
        var jobId = await ArrangeWithDefinitionAsync(a, SendThenTag(channelId).Replace("{{payload.phone}}", "{{payload.city}}", StringComparison.Ordinal));

        await Runner.RunOnceAsync(CancellationToken.None);

        var record = (await RecordsAsync(a.Admin.AccessToken, jobId)).Single();
        Assert.That(((string?)record["status"], (string?)record["error"]), Is.EqualTo(("failed", "The recipient 'City 1' is not a phone number: write it in international format, e.g. +15551234567.")));
        Assert.That(SendsFrom(business.PhoneNumbers[0].Id), Is.Empty);
    }

    [Test]
    public async Task Sending_on_Pro_through_one_of_two_numbers_leaves_the_other_untouched()
    {
        var a = await ArrangeJobAsync(rows: 2, publish: false);
        await Seed.PlanAsync(Factory, a.Admin.OrganizationId, PlanId.Pro);
        var business = await ConnectBusinessAsync(a.Admin, numbers: 2);
        var channels = await ChannelsAsync(a.Admin.AccessToken);
        var second = channels.Single(c => (string?)c["phoneNumberId"] == business.PhoneNumbers[1].Id);
        var jobId = await ArrangeWithDefinitionAsync(a, SendThenTag((string)second["id"]!));

        await Runner.RunOnceAsync(CancellationToken.None);

        Assert.That((await RecordsAsync(a.Admin.AccessToken, jobId)).Select(r => (string?)r["status"]), Is.All.EqualTo("completed"));
        Assert.That(SendsFrom(business.PhoneNumbers[1].Id), Has.Length.EqualTo(2));
        Assert.That(SendsFrom(business.PhoneNumbers[0].Id), Is.Empty);
    }
}
