using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CXGear.Infrastructure.Email;

/// <summary>
/// Mail settings that would leak or misplace mail stop start-up (docs/api.md#mail). SMTP is spoken inside TLS only, so
/// neither the SMTP password nor a reset link crosses the network in clear; in Production, mail with nowhere to go is
/// refused rather than written to <c>data/mail</c>, where reset links would sit on the server's disk unread.
/// </summary>
internal sealed class EmailOptionsValidation(IHostEnvironment environment) : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        var smtp = options.Smtp;
        if (smtp.EffectiveSecurity is not (SecureSocketOptions.StartTls or SecureSocketOptions.SslOnConnect))
        {
            failures.Add($"Email:Smtp:Security is {smtp.EffectiveSecurity}; it must be StartTls or SslOnConnect, so mail and the SMTP password never travel without TLS.");
        }

        if (smtp.Port is < 1 or > 65_535)
        {
            failures.Add($"Email:Smtp:Port is {smtp.Port}; it must be 1-65535.");
        }

        if (!MailboxAddress.TryParse(smtp.From, out _))
        {
            failures.Add($"Email:Smtp:From '{smtp.From}' is not a mail address.");
        }

        if (environment.IsProduction() && string.IsNullOrWhiteSpace(options.PickupDirectory) && string.IsNullOrWhiteSpace(smtp.Host))
        {
            failures.Add("Neither Email:Smtp:Host nor Email:PickupDirectory is set. In Production the API does not fall back to writing "
                + "mail (password-reset links) to data/mail: set Email:Smtp:Host, or Email:PickupDirectory for a relay that watches a folder.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
