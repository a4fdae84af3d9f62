using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Application.Common.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.Api.Tests.DataTables;

public sealed class IngestWebhookTests : DataTablesTestBase
{
    private const string PublicUrl = "https://api.cxgear.test/";

    protected override void Configure(CXGearApiFactory factory) => factory.Settings["PUBLIC_API_URL"] = PublicUrl;

    [Test]
    public async Task A_new_table_has_no_webhook_until_the_first_rotation()
    {
        var (admin, _, table) = await ArrangeTableAsync(["name"]);

        var webhook = await JsonAsync(await GetAsync($"/api/v1/data-tables/{table}/ingest-webhook", admin.AccessToken));

        Assert.That((string?)webhook["url"], Is.EqualTo("https://api.cxgear.test/api/v1/public/data-tables/ingest/{token}"));
        Assert.That((bool)webhook["enabled"]!, Is.False);
        Assert.That(webhook["tokenPrefix"], Is.Null);
        Assert.That(webhook["lastUsedAt"], Is.Null);
    }

    [Test]
    public async Task Rotation_shows_the_token_once_and_kills_the_previous_one_at_once()
    {
        var (admin, _, table) = await ArrangeTableAsync(["name"]);
        var rotate = $"/api/v1/data-tables/{table}/ingest-webhook/rotate";

        var first = await JsonAsync(await PostAsync(rotate, token: admin.AccessToken));
        var firstToken = (string)first["token"]!;
        var webhook = await JsonAsync(await GetAsync($"/api/v1/data-tables/{table}/ingest-webhook", admin.AccessToken));
        Assert.That(firstToken, Does.Match("^cxgt_[0-9A-Za-z]{36}$"));
        Assert.That((string?)first["url"], Is.EqualTo("https://api.cxgear.test/api/v1/public/data-tables/ingest/" + firstToken));
        Assert.That((bool)webhook["enabled"]!, Is.True);
        Assert.That((string?)webhook["tokenPrefix"], Is.EqualTo(firstToken[..13]));
        Assert.That(webhook.ToJsonString(), Does.Not.Contain(firstToken));
        Assert.That((await TableAsync(admin.AccessToken, table)).ToJsonString(), Does.Not.Contain(firstToken));
        Assert.That(await FindAsync(firstToken), Is.EqualTo(Guid.Parse(table)));

        var second = await JsonAsync(await PostAsync(rotate, token: admin.AccessToken));
        var secondToken = (string)second["token"]!;

        Assert.That(secondToken, Is.Not.EqualTo(firstToken));
        Assert.That(await FindAsync(firstToken), Is.Null, "the rotated token is dead");
        Assert.That(await FindAsync(secondToken), Is.EqualTo(Guid.Parse(table)));
        Assert.That(Factory.Logs.Any(l => l.Contains(secondToken, StringComparison.Ordinal)), Is.False, "no log line carries the token");
    }

    [Test]
    public async Task Lookup_refuses_malformed_and_forged_tokens()
    {
        var (admin, _, table) = await ArrangeTableAsync(["name"]);
        var token = (string)(await JsonAsync(await PostAsync($"/api/v1/data-tables/{table}/ingest-webhook/rotate", token: admin.AccessToken)))["token"]!;
        var tampered = token[..^7] + (token[^7] == 'a' ? 'b' : 'a') + token[^6..];

        Assert.That(await FindAsync(null), Is.Null);
        Assert.That(await FindAsync("cxgt_nope"), Is.Null);
        Assert.That(await FindAsync(tampered), Is.Null, "checksum or hash mismatch");
        Assert.That(await FindAsync(token), Is.Not.Null);
    }

    /// <summary>What the public webhook route does first: find the table behind a token, with no organization in context.</summary>
    private async Task<Guid?> FindAsync(string? token)
    {
        using var scope = Factory.Services.CreateScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IIngestTokenAuthenticator>();
        return (await tokens.AuthenticateAsync(token, CancellationToken.None))?.DataTableId;
    }
}

public sealed class IngestWebhookDefaultUrlTests : DataTablesTestBase
{
    [Test]
    public async Task Without_PUBLIC_API_URL_the_url_uses_the_requests_own_host()
    {
        var (admin, _, table) = await ArrangeTableAsync(["name"]);

        var webhook = await JsonAsync(await GetAsync($"/api/v1/data-tables/{table}/ingest-webhook", admin.AccessToken));

        Assert.That((string?)webhook["url"], Is.EqualTo($"{Client.BaseAddress!.GetLeftPart(UriPartial.Authority)}/api/v1/public/data-tables/ingest/{{token}}"));
    }
}
