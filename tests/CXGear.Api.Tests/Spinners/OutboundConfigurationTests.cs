using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Spinners;

/// <summary>A malformed <c>Runtime:Outbound:AllowedHosts</c> entry stops the start rather than failing, or meaning something else, at a call.</summary>
public sealed class OutboundConfigurationTests
{
    [TestCase("api.example.com:https")]
    [TestCase("[::1")]
    public void A_malformed_allow_list_entry_stops_the_start(string entry)
    {
        using var factory = new CXGearApiFactory();
        factory.Settings["Runtime:Outbound:AllowedHosts:0"] = entry;

        Assert.That(() => factory.CreateClient(), Throws.Exception.With.Message.Contains("Runtime:Outbound:AllowedHosts"));
    }
}
