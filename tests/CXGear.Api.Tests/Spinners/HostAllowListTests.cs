using CXGear.Infrastructure.Spinners.Outbound;

namespace CXGear.Api.Tests.Spinners;

public sealed class HostAllowListTests
{
    private static readonly HostAllowList List = new(["api.example.com", "*.crm.test", "127.0.0.1", "[::1]"]);

    [TestCase("api.example.com")]
    [TestCase("API.Example.com")]
    [TestCase("api.example.com.")]
    [TestCase("eu.crm.test")]
    [TestCase("a.b.crm.test")]
    [TestCase("127.0.0.1")]
    [TestCase("[::1]")]
    public void Listed_hosts_and_subdomains_of_wildcards_are_allowed(string host)
    {
        Assert.That(List.Allows(host), Is.True);
    }

    [TestCase("example.com")]
    [TestCase("evil-api.example.com")]
    [TestCase("api.example.com.evil.test")]
    [TestCase("crm.test")]
    [TestCase("evilcrm.test")]
    [TestCase("127.0.0.2")]
    [TestCase("localhost")]
    public void Other_hosts_are_not(string host)
    {
        Assert.That(List.Allows(host), Is.False);
    }

    [Test]
    public void An_empty_list_allows_nothing()
    {
        Assert.That(new HostAllowList([]).Allows("api.example.com"), Is.False);
    }
}
