using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Spinners;
using CXGear.Application.Common.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.Runtime;

/// <summary>
/// <c>ai_agent</c> with the <c>openai</c> and <c>anthropic</c> providers against local fakes of their APIs: what is
/// sent (model, role as the system prompt, rendered task, the vault key in the auth header), each output mode's
/// valid and invalid answers, a 429 then success, a timeout, and the provider or key missing.
/// </summary>
public sealed class AiAgentRuntimeTests : RuntimeTestBase
{
    private const string Secret = "sk-ai-VAULT-0123456789-abcdef";
    private const string Role = "You write short, friendly outreach.";

    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["Runtime:Outbound:AllowedHosts:0"] = "127.0.0.1";
        factory.Settings["Runtime:Outbound:AllowPrivateNetworks"] = "true";
        factory.Settings["Runtime:Ai:TimeoutSeconds"] = "3";
        factory.Settings["Runtime:Ai:RetryBaseDelayMilliseconds"] = "50";
    }

    /// <summary>An OpenAI chat completion answering <paramref name="content"/>; records the auth header it got.</summary>
    private static Func<HttpContext, Task> OpenAiAnswer(string content, ConcurrentQueue<string>? auth = null) => async context =>
    {
        auth?.Enqueue(context.Request.Headers.Authorization.ToString());
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["id"] = "chatcmpl-1",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = "gpt-test",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 5, ["total_tokens"] = 17 },
        }.ToJsonString());
    };

    /// <summary>An Anthropic Messages answer; records the x-api-key and Authorization headers it got.</summary>
    private static Func<HttpContext, Task> AnthropicAnswer(string text, ConcurrentQueue<string>? auth = null) => async context =>
    {
        auth?.Enqueue($"{context.Request.Headers["x-api-key"]} | {context.Request.Headers.Authorization}");
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject
        {
            ["id"] = "msg_1",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = "claude-test",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
            ["stop_reason"] = "end_turn",
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = 21, ["output_tokens"] = 8 },
        }.ToJsonString());
    };

    private static string Agent(string provider, string extra = "") =>
        "{'steps':[{'id':'ai','type':'ai_agent','provider':'" + provider + "','role':'" + Role + "',"
        + "'task':'Write to {{payload.name}} in {{payload.city}}'" + extra + "}]}";

    /// <summary>The vault key, the provider setting pointing at the fake, and the spinner run once.</summary>
    private async Task<(Arranged A, JsonNode Record)> RunAsync(string provider, string definition, int port, string basePath = "/v1")
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        await ConfigureAsync(a.Admin.AccessToken, provider, port, basePath);
        var jobId = await ArrangeWithDefinitionAsync(a, definition);
        await Runner.RunOnceAsync(CancellationToken.None);
        return (a, (await RecordsAsync(a.Admin.AccessToken, jobId)).Single());
    }

    private async Task ConfigureAsync(string token, string provider, int port, string basePath)
    {
        var vault = await SendAsync(HttpMethod.Put, $"/api/v1/vault/{provider}_key", new { value = Secret }, token);
        Assert.That(vault.StatusCode, Is.EqualTo(HttpStatusCode.OK), await vault.Content.ReadAsStringAsync());
        var setting = await SendAsync(
            HttpMethod.Put,
            $"/api/v1/integrations/ai-providers/{provider}",
            new { apiKeyVaultLabel = $"{provider}_key", defaultModel = provider == "openai" ? "gpt-test" : "claude-test", baseUrl = $"http://127.0.0.1:{port}{basePath}" },
            token);
        Assert.That(setting.StatusCode, Is.EqualTo(HttpStatusCode.OK), await setting.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task OpenAI_text_sends_the_model_the_role_the_rendered_task_and_the_vault_key_and_saves_the_answer_with_usage_in_the_journey()
    {
        var auth = new ConcurrentQueue<string>();
        await using var server = await LocalHttpServer.StartAsync(OpenAiAnswer("Hello Name 1!", auth));

        var (a, record) = await RunAsync("openai", Agent("openai"), server.Port);

        Assert.That((string?)record["status"], Is.EqualTo("completed"), record.ToJsonString());
        Assert.That((string?)record["outputs"]!["ai_response"], Is.EqualTo("Hello Name 1!"));
        Assert.That(auth, Is.EqualTo(new[] { "Bearer " + Secret }));
        var (_, path, body, _) = server.Received.Single();
        Assert.That(path, Is.EqualTo("/v1/chat/completions"));
        var sent = JsonNode.Parse(body)!;
        Assert.That((string?)sent["model"], Is.EqualTo("gpt-test"));
        var messages = sent["messages"]!.AsArray();
        Assert.That(((string?)messages[0]!["role"], (string?)messages[0]!["content"]), Is.EqualTo(("system", Role)));
        Assert.That(((string?)messages[1]!["role"], (string?)messages[1]!["content"]), Is.EqualTo(("user", "Write to Name 1 in City 1")));
        var journey = await JourneyAsync(a.Admin.AccessToken, (string)record["id"]!);
        Assert.That(journey.Single(), Does.StartWith("ai:ai_completed:openai gpt-test: 12 input + 5 output tokens, "));
        Assert.That(record.ToJsonString() + string.Join("\n", journey) + string.Join("\n", Factory.Logs), Does.Not.Contain(Secret));
    }

    private static IEnumerable<TestCaseData> Modes()
    {
        const string keyValue = ",'outputMode':'key_value','keys':['subject','body'],'saveAs':'email','model':'gpt-custom'";
        const string classification = ",'outputMode':'classification','labels':['Hot','Cold']";
        const string list = ",'outputMode':'list'";
        yield return new TestCaseData(keyValue, "{\"subject\":\"Hi\",\"body\":\"Hello Name 1\"}", "email", "{\"subject\":\"Hi\",\"body\":\"Hello Name 1\"}")
            .SetName("key_value: an object with exactly the keys is saved under saveAs");
        yield return new TestCaseData(keyValue, "```json\n{\"subject\":\"Hi\",\"body\":\"B\"}\n```", "email", "{\"subject\":\"Hi\",\"body\":\"B\"}")
            .SetName("key_value: a fenced object is read too");
        yield return new TestCaseData(keyValue, "{\"subject\":\"Hi\",\"extra\":1}", null, "missing body; unexpected extra")
            .SetName("key_value: other keys fail the record");
        yield return new TestCaseData(keyValue, "Subject: Hi", null, "expected a JSON object")
            .SetName("key_value: prose fails the record");
        yield return new TestCaseData(classification, " hot. ", "ai_response", "\"Hot\"")
            .SetName("classification: a label in any case and punctuation is saved as written in labels");
        yield return new TestCaseData(classification, "Lukewarm", null, "expected one of Hot, Cold")
            .SetName("classification: an unknown label fails the record");
        yield return new TestCaseData(list, "[\"call\",\"email\"]", "ai_response", "[\"call\",\"email\"]")
            .SetName("list: an array of strings is saved");
        yield return new TestCaseData(list, "[\"call\",2]", null, "expected a JSON array of strings")
            .SetName("list: a non-string item fails the record");
    }

    [TestCaseSource(nameof(Modes))]
    public async Task Output_modes_save_a_fitting_answer_and_fail_the_record_with_AI_OUTPUT_INVALID_and_the_raw_answer_otherwise(
        string fields, string answer, string? savedAs, string expected)
    {
        await using var server = await LocalHttpServer.StartAsync(OpenAiAnswer(answer));

        var (_, record) = await RunAsync("openai", Agent("openai", fields), server.Port);

        if (savedAs is not null)
        {
            Assert.That((string?)record["status"], Is.EqualTo("completed"), record.ToJsonString());
            Assert.That(record["outputs"]![savedAs]!.ToJsonString(), Is.EqualTo(expected));
        }
        else
        {
            Assert.That((string?)record["status"], Is.EqualTo("failed"));
            Assert.That((string?)record["error"], Does.StartWith("AI_OUTPUT_INVALID: ").And.Contain(expected).And.Contain("answer: " + answer));
        }

        var sent = JsonNode.Parse(server.Received.Single().Body)!;
        if (fields.Contains("key_value", StringComparison.Ordinal))
        {
            Assert.That((string?)sent["model"], Is.EqualTo("gpt-custom"), "the step's model wins over the default");
            Assert.That((string?)sent["response_format"]!["type"], Is.EqualTo("json_object"));
            Assert.That((string?)sent["messages"]![0]!["content"], Does.StartWith(Role).And.Contain("subject, body"));
        }
    }

    [Test]
    public async Task A_429_is_retried_after_its_Retry_After_and_the_second_answer_is_saved()
    {
        var tooMany = (Func<HttpContext, Task>)(async context =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsync("{\"error\":{\"message\":\"rate limited\"}}");
        });
        await using var server = await LocalHttpServer.StartAsync(tooMany, OpenAiAnswer("Second time lucky"));

        var (_, record) = await RunAsync("openai", Agent("openai"), server.Port);

        Assert.That((string?)record["status"], Is.EqualTo("completed"), record.ToJsonString());
        Assert.That((string?)record["outputs"]!["ai_response"], Is.EqualTo("Second time lucky"));
        Assert.That(server.Hits, Is.EqualTo(2));
    }

    [Test]
    public async Task A_provider_that_does_not_answer_within_Runtime_Ai_TimeoutSeconds_fails_the_record_with_AI_TIMEOUT()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LocalHttpServer.StartAsync(async _ => await gate.Task);
        try
        {
            var (_, record) = await RunAsync("openai", Agent("openai"), server.Port);

            Assert.That((string?)record["status"], Is.EqualTo("failed"));
            Assert.That((string?)record["error"], Does.StartWith("AI_TIMEOUT: no answer within 3s"));
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    [Test]
    public async Task A_provider_error_after_the_retries_fails_the_record_with_its_status()
    {
        await using var server = await LocalHttpServer.StartAsync(LocalHttpServer.Status(401, "{\"error\":{\"message\":\"bad key\"}}", "application/json"));

        var (_, record) = await RunAsync("openai", Agent("openai"), server.Port);

        Assert.That((string?)record["status"], Is.EqualTo("failed"));
        Assert.That((string?)record["error"], Does.StartWith("AI_PROVIDER_ERROR: the provider answered 401"));
    }

    [Test]
    public async Task Saving_a_step_whose_provider_the_organization_has_not_configured_is_a_400_at_its_provider()
    {
        var a = await ArrangeJobAsync(rows: 1, publish: false);

        var put = await SendAsync(HttpMethod.Put, $"/api/v1/spinners/{a.SpinnerId}", new { name = "Outreach", definition = Def(Agent("anthropic")) }, a.Admin.AccessToken);

        var body = await AssertProblemAsync(put, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "definition.steps[0].provider" }));
    }

    [Test]
    public async Task A_setting_removed_since_the_save_fails_the_record_with_AI_PROVIDER_NOT_CONFIGURED_and_a_deleted_key_with_VAULT_SECRET_MISSING()
    {
        await using var server = await LocalHttpServer.StartAsync();
        var a = await ArrangeJobAsync(rows: 1, publish: false);
        await ConfigureAsync(a.Admin.AccessToken, "openai", server.Port, "/v1");
        await ArrangeWithDefinitionAsync(a, Agent("openai"));
        var deleted = await SendAsync(HttpMethod.Delete, "/api/v1/vault/openai_key", token: a.Admin.AccessToken);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await Runner.RunOnceAsync(CancellationToken.None);

        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var organizationId = Guid.Parse(a.Admin.OrganizationId);
            await db.AiProviderSettings.IgnoreQueryFilters().Where(s => s.OrganizationId == organizationId).ExecuteDeleteAsync();
        }

        var second = await RunAsync(a.Admin.AccessToken, a.SpinnerId);
        await Runner.RunOnceAsync(CancellationToken.None);

        var jobs = (await JobsAsync(a.Admin.AccessToken, a.ProjectId))["items"]!.AsArray().Select(j => (string)j!["id"]!).ToList();
        var errors = new List<string?>();
        foreach (var job in jobs)
        {
            errors.AddRange((await RecordsAsync(a.Admin.AccessToken, job)).Select(r => (string?)r["error"]));
        }

        Assert.That(errors, Has.Some.StartWith("VAULT_SECRET_MISSING"));
        Assert.That((string?)(await RecordsAsync(a.Admin.AccessToken, second)).Single()["error"], Does.StartWith("AI_PROVIDER_NOT_CONFIGURED"));
        Assert.That(server.Hits, Is.Zero);
    }

    [Test]
    public async Task Calls_and_tokens_are_counted_per_organization_for_the_month_in_billing_usage_an_invalid_answer_included()
    {
        await using var server = await LocalHttpServer.StartAsync(OpenAiAnswer("Hello"), OpenAiAnswer("Lukewarm"));
        var (a, _) = await RunAsync("openai", Agent("openai"), server.Port);
        var classify = await SendAsync(
            HttpMethod.Put,
            $"/api/v1/spinners/{a.SpinnerId}",
            new { name = "Outreach", definition = Def(Agent("openai", ",'outputMode':'classification','labels':['Hot','Cold']")) },
            a.Admin.AccessToken);
        Assert.That(classify.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await PublishAsync(a.Admin.AccessToken, a.SpinnerId);
        var second = await RunAsync(a.Admin.AccessToken, a.SpinnerId);
        await Runner.RunOnceAsync(CancellationToken.None);
        Assert.That((string?)(await RecordsAsync(a.Admin.AccessToken, second)).Single()["error"], Does.StartWith("AI_OUTPUT_INVALID"));
        var other = await SignUpAsync();

        var mine = await UsageAsync(a.Admin.AccessToken);
        var theirs = await UsageAsync(other.AccessToken);

        var month = Factory.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(mine, Is.EqualTo(new[] { ("ai_calls", month, 2L), ("ai_input_tokens", month, 24L), ("ai_output_tokens", month, 10L) }));
        Assert.That(theirs.Select(u => u.Used), Is.EqualTo(new[] { 0L, 0L, 0L }));
    }

    private async Task<(string Item, string Period, long Used)[]> UsageAsync(string token)
    {
        var billing = await JsonAsync(await GetAsync("/api/v1/billing", token));
        return billing["usage"]!.AsArray().Select(u => ((string)u!["item"]!, (string)u["period"]!, (long)u["used"]!)).ToArray();
    }

    [Test]
    public async Task Anthropic_sends_the_messages_request_with_the_vault_key_in_x_api_key_and_saves_the_answer()
    {
        var auth = new ConcurrentQueue<string>();
        await using var server = await LocalHttpServer.StartAsync(AnthropicAnswer("Cold", auth));

        var (a, record) = await RunAsync("anthropic", Agent("anthropic", ",'outputMode':'classification','labels':['Hot','Cold']"), server.Port, basePath: "");

        Assert.That((string?)record["status"], Is.EqualTo("completed"), record.ToJsonString());
        Assert.That((string?)record["outputs"]!["ai_response"], Is.EqualTo("Cold"));
        Assert.That(auth, Is.EqualTo(new[] { $"{Secret} | Bearer {Secret}" }), "x-api-key as the Messages API documents it, bearer as the SDK sends it");
        var (_, path, body, _) = server.Received.Single();
        Assert.That(path, Is.EqualTo("/v1/messages"));
        var sent = JsonNode.Parse(body)!;
        Assert.That((string?)sent["model"], Is.EqualTo("claude-test"));
        Assert.That(sent["system"]!.ToJsonString(), Does.Contain("You write short, friendly outreach.").And.Contain("Hot | Cold"));
        Assert.That(sent["messages"]![0]!.ToJsonString(), Does.Contain("Write to Name 1 in City 1"));
        var journey = await JourneyAsync(a.Admin.AccessToken, (string)record["id"]!);
        Assert.That(journey.Single(), Does.StartWith("ai:ai_completed:anthropic claude-test: 21 input + 8 output tokens, "));
    }

    [Test]
    public async Task Anthropic_an_answer_outside_the_mode_fails_the_record_with_AI_OUTPUT_INVALID()
    {
        await using var server = await LocalHttpServer.StartAsync(AnthropicAnswer("Sure! Here you go: call, email"));

        var (_, record) = await RunAsync("anthropic", Agent("anthropic", ",'outputMode':'list'"), server.Port, basePath: "");

        Assert.That((string?)record["status"], Is.EqualTo("failed"));
        Assert.That((string?)record["error"], Does.StartWith("AI_OUTPUT_INVALID: expected a JSON array of strings").And.Contain("answer: Sure! Here you go"));
    }
}
