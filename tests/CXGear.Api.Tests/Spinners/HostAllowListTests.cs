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

    private static readonly HostAllowList WithPorts = new(
        ["api.example.com", "*.crm.test", "127.0.0.1", "[::1]", "pay.example.com:8443", "*.hooks.test:8080", "[::2]:9000", "::3"]);

    [TestCase("api.example.com", 8080, TestName = "a host named exactly: any port")]
    [TestCase("127.0.0.1", 54321, TestName = "an IP literal named exactly: any port (the tests' loopback servers)")]
    [TestCase("[::1]", 8080)]
    [TestCase("::3", 8080, TestName = "an IPv6 literal written without brackets")]
    [TestCase("eu.crm.test", 443, TestName = "a wildcard: https")]
    [TestCase("eu.crm.test", 80, TestName = "a wildcard: http")]
    [TestCase("pay.example.com", 8443, TestName = "the port an entry names")]
    [TestCase("a.hooks.test", 8080, TestName = "the port a wildcard entry names")]
    [TestCase("[::2]", 9000)]
    public void Ports_an_entry_admits(string host, int port)
    {
        Assert.That(WithPorts.Allows(host, port), Is.True);
    }

    [TestCase("eu.crm.test", 8443, TestName = "a wildcard without a port: not 8443")]
    [TestCase("eu.crm.test", 22, TestName = "a wildcard without a port: not 22")]
    [TestCase("pay.example.com", 443, TestName = "an entry that names a port admits only that port")]
    [TestCase("a.hooks.test", 443, TestName = "a wildcard that names a port admits only that port")]
    [TestCase("[::2]", 9001)]
    [TestCase("other.test", 443, TestName = "an unlisted host: no port")]
    public void Ports_no_entry_admits(string host, int port)
    {
        Assert.That(WithPorts.Allows(host, port), Is.False);
    }

    [Test]
    public void A_host_listed_only_with_a_port_is_still_a_listed_host()
    {
        Assert.That((WithPorts.Allows("pay.example.com"), WithPorts.Allows("b.hooks.test")), Is.EqualTo((true, true)));
    }

    [TestCase("api.example.com:0")]
    [TestCase("api.example.com:65536")]
    [TestCase("api.example.com:https")]
    [TestCase("api.example.com:")]
    [TestCase("[::1")]
    [TestCase("[::1]x")]
    [TestCase(":443")]
    public void A_malformed_entry_is_refused_rather_than_guessed(string entry)
    {
        Assert.That(() => new HostAllowList([entry]), Throws.InstanceOf<FormatException>());
    }
}
