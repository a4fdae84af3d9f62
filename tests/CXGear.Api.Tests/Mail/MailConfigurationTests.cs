using System.Net;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Mail;

/// <summary>
/// docs/api.md#mail: start-up refuses mail settings that would leak or lose mail — in Production, no SMTP host and no
/// explicit pickup directory (reset links would be written to data/mail); anywhere, an SMTP security mode without TLS.
/// </summary>
public sealed class MailConfigurationTests
{
    private static CXGearApiFactory Production()
    {
        var factory = new CXGearApiFactory { EnvironmentName = "Production" };
        factory.Settings["PUBLIC_API_URL"] = "https://api.cxgear.test";
        return factory;
    }

    private static async Task AssertStartsAsync(CXGearApiFactory factory)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/health/live");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Production_without_an_smtp_host_or_a_pickup_directory_refuses_to_start()
    {
        using var factory = Production();
        factory.Settings["Email:PickupDirectory"] = string.Empty;

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error!.ToString(), Does.Contain("Email:Smtp:Host").And.Contain("Email:PickupDirectory"));
    }

    [Test]
    public async Task Production_with_an_explicit_pickup_directory_starts()
    {
        using var factory = Production();

        await AssertStartsAsync(factory);
    }

    [Test]
    public async Task Production_with_an_smtp_host_starts_without_connecting_to_it()
    {
        using var factory = Production();
        factory.Settings["Email:PickupDirectory"] = string.Empty;
        factory.Settings["Email:Smtp:Host"] = "smtp.example.test";

        await AssertStartsAsync(factory);
    }

    [TestCase("None")]
    [TestCase("Auto")]
    [TestCase("StartTlsWhenAvailable")]
    public void An_smtp_security_mode_that_allows_plain_text_refuses_to_start(string security)
    {
        using var factory = new CXGearApiFactory();
        factory.Settings["Email:PickupDirectory"] = string.Empty;
        factory.Settings["Email:Smtp:Host"] = "smtp.example.test";
        factory.Settings["Email:Smtp:Security"] = security;

        var error = Assert.Catch(() => factory.CreateClient());

        Assert.That(error!.ToString(), Does.Contain("Email:Smtp:Security").And.Contain(security));
    }

    [TestCase("StartTls")]
    [TestCase("SslOnConnect")]
    public async Task Tls_security_modes_start(string security)
    {
        using var factory = new CXGearApiFactory();
        factory.Settings["Email:PickupDirectory"] = string.Empty;
        factory.Settings["Email:Smtp:Host"] = "smtp.example.test";
        factory.Settings["Email:Smtp:Security"] = security;

        await AssertStartsAsync(factory);
    }
}
