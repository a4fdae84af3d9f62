using System.Net;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Api.Tests.Jobs;

namespace CXGear.Api.Tests.Billing;

/// <summary>
/// PLAN_LIMIT tells a person where to upgrade (<c>upgradeUrl</c>, the web app's billing page) and leaves an
/// integration's body as it was. A deployment with no jobs on Trial makes the first run hit the limit.
/// </summary>
public sealed class UpgradeUrlTests : JobsTestBase
{
    protected override void Configure(CXGearApiFactory factory)
    {
        base.Configure(factory);
        factory.Settings["Plans:Trial:jobs"] = "0";
    }

    [Test]
    public async Task A_user_gets_the_upgrade_url_and_an_api_key_does_not()
    {
        var arranged = await ArrangeJobAsync(rows: 1);
        var key = await KeyAsync(arranged.Admin.AccessToken, "trigger");

        var byUser = await AssertProblemAsync(await RunRawAsync(arranged.Admin.AccessToken, arranged.SpinnerId), HttpStatusCode.Forbidden, "PLAN_LIMIT");
        var byKey = await AssertProblemAsync(
            await TriggerRawAsync(key, arranged.SpinnerId, new { records = new[] { new { name = "Ada" } } }), HttpStatusCode.Forbidden, "PLAN_LIMIT");

        Assert.That((string?)byUser["upgradeUrl"], Is.EqualTo("https://app.cxgear.test/billing"));
        Assert.That((string?)byUser["message"], Does.EndWith("Upgrade to continue."), "the contract's text stays");
        Assert.That(byKey.AsObject().ContainsKey("upgradeUrl"), Is.False);
        Assert.That((string?)byKey["meter"], Is.EqualTo("jobs"));
    }
}
