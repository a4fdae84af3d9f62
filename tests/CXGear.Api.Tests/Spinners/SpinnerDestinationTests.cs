using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Spinners;

/// <summary>
/// docs/api.md#outbound-calls: what can be known when a definition is saved is refused then, at the url's path: an IP
/// literal in a blocked range (whatever IPv6 form carries it) and a port no allow-list entry for the host admits. A
/// host name is judged again at every call (DNS can change), so an unlisted name is saved and refused at run time.
/// </summary>
public sealed class SpinnerDestinationTests : SpinnersTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["Runtime:Outbound:AllowedHosts:0"] = "*.crm.test";
        factory.Settings["Runtime:Outbound:AllowedHosts:1"] = "10.0.0.1";
    }

    private static string ApiCall(string url) =>
        $"{{'steps':[{{'id':'a1','type':'api_call','method':'GET','url':'{url}','saveAs':'crm'}}]}}";

    private async Task<HttpResponseMessage> SaveAsync(string url)
    {
        var (admin, project, table) = await ArrangeTableAsync(["name", "phone"]);
        return await CreateSpinnerRawAsync(admin.AccessToken, project, new { name = "Calls", dataTableId = table, definition = Def(ApiCall(url)) });
    }

    [TestCase("http://169.254.169.254/latest/meta-data")]
    [TestCase("http://10.0.0.1/admin", TestName = "a private literal refused although it is on the allow-list (private networks are off)")]
    [TestCase("http://[::ffff:10.0.0.1]/x")]
    [TestCase("http://[::127.0.0.1]/x")]
    [TestCase("http://[2002:a9fe:a9fe::1]/x")]
    [TestCase("http://[64:ff9b::7f00:1]/x")]
    [TestCase("http://[64:ff9b:1::808:808]/x")]
    [TestCase("http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/x")]
    [TestCase("http://2130706433/x", TestName = "loopback written as one decimal number")]
    public async Task An_IP_literal_in_a_blocked_range_is_refused_at_save(string url)
    {
        var body = await AssertProblemAsync(await SaveAsync(url), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That((string?)body["errors"]!["definition.steps[0].url"]![0], Does.Contain("private, loopback or link-local"), body.ToJsonString());
    }

    [Test]
    public async Task A_port_the_allow_list_does_not_admit_for_a_listed_host_is_refused_at_save()
    {
        var body = await AssertProblemAsync(await SaveAsync("https://api.crm.test:8443/contacts/{{payload.phone}}"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That((string?)body["errors"]!["definition.steps[0].url"]![0], Is.EqualTo("Port 8443 of 'api.crm.test' is not allowed by Runtime:Outbound:AllowedHosts."));
    }

    [TestCase("https://api.crm.test/contacts/{{payload.phone}}", TestName = "a listed host on 443")]
    [TestCase("http://api.crm.test:80/contacts", TestName = "a listed host on 80")]
    [TestCase("https://crm.example.com:8443/x", TestName = "an unlisted name: judged at run time, when it may be listed")]
    [TestCase("https://8.8.8.8/x", TestName = "a public literal")]
    public async Task Destinations_that_may_be_reachable_are_saved(string url)
    {
        var response = await SaveAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Updating_a_draft_checks_the_same()
    {
        var (admin, _, _, spinner) = await ArrangeSpinnerAsync();

        var put = await SendAsync(HttpMethod.Put, $"/api/v1/spinners/{spinner}", new { name = "Calls", definition = Def(ApiCall("http://[::ffff:169.254.169.254]/")) }, admin.AccessToken);

        var body = await AssertProblemAsync(put, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(body["errors"]!["definition.steps[0].url"], Is.Not.Null, body.ToJsonString());
    }
}
