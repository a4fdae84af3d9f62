using CXGear.Application.Common.Abstractions;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CXGear.Infrastructure.Email;

internal sealed class SmtpEmailSender(SmtpOptions options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(options.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), options.Port, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
        if (!string.IsNullOrEmpty(options.User))
        {
            await client.AuthenticateAsync(options.User, options.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(MimeMessages.Build(message, options.From), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
