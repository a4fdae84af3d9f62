using System.Net;
using CXGear.Infrastructure.Spinners.Outbound;

namespace CXGear.Api.Tests.Spinners;

public sealed class NetworkAddressPolicyTests
{
    [TestCase("127.0.0.1")]
    [TestCase("127.255.0.9")]
    [TestCase("10.1.2.3")]
    [TestCase("172.16.0.1")]
    [TestCase("172.31.255.255")]
    [TestCase("192.168.1.10")]
    [TestCase("169.254.169.254")]
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("224.0.0.1")]
    [TestCase("255.255.255.255")]
    [TestCase("::1")]
    [TestCase("::")]
    [TestCase("fe80::1")]
    [TestCase("fd12:3456::1")]
    [TestCase("ff02::1")]
    [TestCase("::ffff:127.0.0.1")]
    [TestCase("::ffff:169.254.169.254")]
    [TestCase("64:ff9b::a00:1")]
    public void Private_loopback_link_local_and_special_addresses_are_blocked(string address)
    {
        Assert.That(NetworkAddressPolicy.IsBlocked(IPAddress.Parse(address)), Is.True);
    }

    [TestCase("64:ff9b::127.0.0.1", TestName = "NAT64 well-known prefix (64:ff9b::/96) carrying loopback")]
    [TestCase("64:ff9b::169.254.169.254", TestName = "NAT64 well-known prefix carrying the metadata address")]
    [TestCase("64:ff9b:1::808:808", TestName = "local-use NAT64 (64:ff9b:1::/48), whatever it carries")]
    [TestCase("64:ff9b:1:ffff::1", TestName = "local-use NAT64, end of the /48")]
    [TestCase("2002:a00:1::1", TestName = "6to4 (2002::/16) of 10.0.0.1")]
    [TestCase("2002:7f00:1::", TestName = "6to4 of 127.0.0.1")]
    [TestCase("2002:a9fe:a9fe::1", TestName = "6to4 of 169.254.169.254")]
    [TestCase("2001:0:4136:e378:8000:63bf:f5ff:fffe", TestName = "Teredo (2001::/32) whose client is 10.0.0.1")]
    [TestCase("2001:0:7f00:1:8000:63bf:f7f7:f7f7", TestName = "Teredo whose server is 127.0.0.1")]
    [TestCase("::a00:1", TestName = "IPv4-compatible (::/96) 10.0.0.1")]
    [TestCase("::127.0.0.1", TestName = "IPv4-compatible loopback")]
    [TestCase("::169.254.169.254", TestName = "IPv4-compatible metadata address")]
    [TestCase("::ffff:10.0.0.1", TestName = "IPv4-mapped (::ffff:0:0/96) 10.0.0.1")]
    [TestCase("::ffff:0:a00:1", TestName = "IPv4-translated (::ffff:0:0:0/96) 10.0.0.1")]
    public void IPv6_forms_that_reach_a_blocked_IPv4_address_are_blocked(string address)
    {
        Assert.That(NetworkAddressPolicy.IsBlocked(IPAddress.Parse(address)), Is.True);
    }

    [TestCase("8.8.8.8")]
    [TestCase("1.1.1.1")]
    [TestCase("172.32.0.1")]
    [TestCase("172.15.255.255")]
    [TestCase("100.128.0.1")]
    [TestCase("169.255.0.1")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::808:808")]
    [TestCase("2002:808:808::1")]
    [TestCase("2001:0:4136:e378:8000:63bf:f7f7:f7f7")]
    [TestCase("::8.8.8.8")]
    [TestCase("::ffff:0:808:808")]
    public void Public_addresses_are_not_blocked(string address)
    {
        Assert.That(NetworkAddressPolicy.IsBlocked(IPAddress.Parse(address)), Is.False);
    }
}
