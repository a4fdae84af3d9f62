using System.Net;
using System.Text.Json.Nodes;

namespace CXGear.Api.Tests.Spinners;

public sealed class SpinnerPublishTests : SpinnersTestBase
{
    [Test]
    public async Task Publishing_freezes_the_draft_as_the_next_version_and_versions_list_newest_first()
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();
        const string edited = "{'steps':[{'id':'t','type':'tag','disposition':'Edited'}]}";

        var first = await PublishAsync(admin.AccessToken, spinner);
        var put = await SendAsync(HttpMethod.Put, $"/api/v1/spinners/{spinner}", new { name = "Outreach", definition = Def(edited) }, admin.AccessToken);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Advance(TimeSpan.FromMinutes(1));
        var second = await PublishAsync(admin.AccessToken, spinner);
        var third = await PublishAsync(admin.AccessToken, spinner);

        Assert.That((first, second, third), Is.EqualTo((1, 2, 3)));
        var read = await SpinnerAsync(admin.AccessToken, spinner);
        Assert.That(((string?)read["status"], (int?)read["currentVersion"]), Is.EqualTo(("published", (int?)3)));
        var versions = await JsonAsync(await GetAsync($"/api/v1/spinners/{spinner}/versions", admin.AccessToken));
        var items = versions["items"]!.AsArray();
        Assert.That((int)versions["total"]!, Is.EqualTo(3));
        Assert.That(items.Select(v => (int)v!["version"]!), Is.EqualTo(new[] { 3, 2, 1 }));
        Assert.That(JsonNode.DeepEquals(items[2]!["definition"], Def(LogThenTag)), Is.True, "version 1 keeps what was published then");
        Assert.That(JsonNode.DeepEquals(items[0]!["definition"], Def(edited)), Is.True);
        Assert.That((string?)items[0]!["publishedByUserId"], Is.EqualTo(admin.UserId));
        Assert.That((DateTime)items[0]!["publishedAt"]! > (DateTime)items[2]!["publishedAt"]!, Is.True);
    }

    [Test]
    public async Task A_main_spinners_first_publish_over_the_trial_cap_is_plan_limit_and_publishes_nothing()
    {
        var (admin, project, table, first) = await ArrangeSpinnerAsync();
        var second = await CreateSpinnerAsync(admin.AccessToken, project, table, "Second");
        var third = await CreateSpinnerAsync(admin.AccessToken, project, table, "Third");
        await PublishAsync(admin.AccessToken, first);
        await PublishAsync(admin.AccessToken, second);

        var body = await AssertProblemAsync(await PublishRawAsync(admin.AccessToken, third), HttpStatusCode.Forbidden, "PLAN_LIMIT");

        Assert.That((string?)body["message"], Is.EqualTo("Spinner limit reached on the trial plan (2/2). Upgrade to continue."));
        Assert.That(((string?)body["meter"], (long?)body["used"], (long?)body["limit"]), Is.EqualTo(("spinners", (long?)2, (long?)2)));
        var read = await SpinnerAsync(admin.AccessToken, third);
        Assert.That(((string?)read["status"], read["currentVersion"]), Is.EqualTo(("draft", (JsonNode?)null)));
        var versions = await JsonAsync(await GetAsync($"/api/v1/spinners/{third}/versions", admin.AccessToken));
        Assert.That((int)versions["total"]!, Is.Zero, "nothing was published");
        Assert.That(await SpinnersMeterAsync(admin.AccessToken), Is.EqualTo((2L, (long?)2)));

        Assert.That(await PublishAsync(admin.AccessToken, first), Is.EqualTo(2), "a published spinner still republishes at the cap");
        var child = await CreateSpinnerAsync(admin.AccessToken, project, table, "Retry", parentSpinnerId: first, startWhen: new { field = "disposition", equals = "Retry" });
        Assert.That(await PublishAsync(admin.AccessToken, child), Is.EqualTo(1), "a supporting spinner publishes at the cap");
    }

    [Test]
    public async Task Concurrent_first_publishes_take_exactly_the_units_left()
    {
        var (admin, project, table, first) = await ArrangeSpinnerAsync();
        await PublishAsync(admin.AccessToken, first);
        var drafts = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            drafts.Add(await CreateSpinnerAsync(admin.AccessToken, project, table, $"Draft {i}"));
        }

        var responses = await Task.WhenAll(drafts.Select(d => PublishRawAsync(admin.AccessToken, d)));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1), "one unit was left on the trial cap of 2");
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Forbidden), Is.EqualTo(5));
        Assert.That(await SpinnersMeterAsync(admin.AccessToken), Is.EqualTo((2L, (long?)2)));
        var published = 0;
        foreach (var draft in drafts)
        {
            published += (int)(await JsonAsync(await GetAsync($"/api/v1/spinners/{draft}/versions", admin.AccessToken)))["total"]!;
        }

        Assert.That(published, Is.EqualTo(1), "refused publishes left no version behind");
    }

    [Test]
    public async Task Concurrent_publishes_of_one_spinner_never_share_a_version_number()
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PublishRawAsync(admin.AccessToken, spinner)));

        var versions = new List<int>();
        foreach (var response in responses)
        {
            Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict), await response.Content.ReadAsStringAsync());
            if (response.StatusCode == HttpStatusCode.OK)
            {
                versions.Add((int)(await JsonAsync(response))["version"]!);
            }
        }

        Assert.That(versions, Is.Unique);
        Assert.That(versions.Order(), Is.EqualTo(Enumerable.Range(1, versions.Count)), "numbers run 1..N without gaps");
        var listed = await JsonAsync(await GetAsync($"/api/v1/spinners/{spinner}/versions", admin.AccessToken));
        Assert.That((int)listed["total"]!, Is.EqualTo(versions.Count));
        Assert.That((int?)(await SpinnerAsync(admin.AccessToken, spinner))["currentVersion"], Is.EqualTo(versions.Count));
        Assert.That(await SpinnersMeterAsync(admin.AccessToken), Is.EqualTo((1L, (long?)2)), "counted once however many publishes raced");
    }
}
