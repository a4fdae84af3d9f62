using CXGear.Application.Common.Abstractions;
using MailKit.Net.Smtp;

namespace CXGear.Infrastructure.Email;

/// <summary>
/// Sends over SMTP inside TLS only: STARTTLS (MailKit fails the connect when the server does not offer it) or TLS on
/// connect, as <see cref="SmtpOptions.EffectiveSecurity"/> says; the options were refused at start for anything else.
/// </summary>
internal sealed class SmtpEmailSender(SmtpOptions options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), options.Port, options.EffectiveSecurity, cancellationToken);

        // Belt and braces: whatever the mode, a password is never sent over a connection that is not encrypted.
        if (!client.IsSecure)
        {
            throw new InvalidOperationException("The SMTP connection is not encrypted; refusing to send.");
        }

        if (!string.IsNullOrEmpty(options.User))
        {
            await client.AuthenticateAsync(options.User, options.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(MimeMessages.Build(message, options.From), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
