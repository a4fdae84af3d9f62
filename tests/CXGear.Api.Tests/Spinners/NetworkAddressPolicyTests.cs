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

    [TestCase("8.8.8.8")]
    [TestCase("1.1.1.1")]
    [TestCase("172.32.0.1")]
    [TestCase("172.15.255.255")]
    [TestCase("100.128.0.1")]
    [TestCase("169.255.0.1")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::808:808")]
    public void Public_addresses_are_not_blocked(string address)
    {
        Assert.That(NetworkAddressPolicy.IsBlocked(IPAddress.Parse(address)), Is.False);
    }
}
