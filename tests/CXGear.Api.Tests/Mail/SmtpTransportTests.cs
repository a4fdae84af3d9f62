using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CXGear.Api.Tests.Infrastructure;

namespace CXGear.Api.Tests.Mail;

/// <summary>
/// docs/api.md#mail: the reset mail goes over SMTP only inside TLS (STARTTLS, or TLS on connect), so neither the SMTP
/// password nor the reset link ever crosses the network in clear. A fake server that cannot speak TLS shows what the
/// API's client says before TLS would begin.
/// </summary>
public sealed class SmtpTransportTests
{
    private const string SmtpPassword = "smtp-password-never-in-clear";

    /// <summary>Starts an API that sends mail to <paramref name="smtp"/>, asks for a reset mail, and returns what the server heard.</summary>
    private static async Task<IReadOnlyList<string>> ResetMailThroughAsync(FakeSmtpServer smtp, string? security = null)
    {
        using var factory = new CXGearApiFactory();
        factory.Settings["Email:PickupDirectory"] = string.Empty;
        factory.Settings["Email:Smtp:Host"] = "127.0.0.1";
        factory.Settings["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        factory.Settings["Email:Smtp:User"] = "mailer";
        factory.Settings["Email:Smtp:Password"] = SmtpPassword;
        if (security is not null)
        {
            factory.Settings["Email:Smtp:Security"] = security;
        }

        using var client = factory.CreateClient();
        var email = $"smtp.{Guid.NewGuid():N}@example.com";
        var signUp = await client.PostAsJsonAsync("/api/v1/auth/signup", new { fullName = "Ada Admin", organizationName = "Acme", email, password = ApiTestBase.Password });
        Assert.That(signUp.StatusCode, Is.EqualTo(HttpStatusCode.Created), await signUp.Content.ReadAsStringAsync());
        var forgot = await client.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email });
        Assert.That(forgot.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        // The reset worker sends in the background; the server's session ends when the client hangs up.
        var commands = await smtp.Session.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(string.Join("\n", factory.Logs), Does.Not.Contain(SmtpPassword));
        return commands;
    }

    [Test]
    public async Task A_server_without_starttls_gets_no_password_and_no_mail()
    {
        using var smtp = new FakeSmtpServer(offersStartTls: false);

        var commands = await ResetMailThroughAsync(smtp);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(commands, Has.Count.EqualTo(1), string.Join(" | ", commands));
            Assert.That(commands[0], Does.StartWith("EHLO "));
            Assert.That(commands, Has.None.StartsWith("AUTH"), "the client authenticated without TLS");
            Assert.That(commands, Has.None.StartsWith("MAIL"), "the client sent mail without TLS");
        }
    }

    [Test]
    public async Task A_server_offering_starttls_is_asked_for_it_before_anything_else()
    {
        using var smtp = new FakeSmtpServer(offersStartTls: true);

        var commands = await ResetMailThroughAsync(smtp);

        Assert.That(commands.Select(c => c.Split(' ')[0]), Is.EqualTo(new[] { "EHLO", "STARTTLS" }));
    }

    [Test]
    public async Task Ssl_on_connect_opens_with_a_tls_handshake()
    {
        using var smtp = new FakeSmtpServer(offersStartTls: false);

        var commands = await ResetMailThroughAsync(smtp, "SslOnConnect");

        Assert.That(commands, Is.EqualTo(new[] { FakeSmtpServer.TlsHandshake }));
    }
}
