using MailKit.Security;

namespace CXGear.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>When set, mail is written there as <c>.eml</c> files instead of being sent.</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public const int ImplicitTlsPort = 465;

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "CXGear <no-reply@cxgear.local>";

    /// <summary>
    /// <c>StartTls</c> or <c>SslOnConnect</c>; unset, TLS on connect for port 465 and STARTTLS otherwise. Modes that may
    /// continue without TLS (<c>None</c>, <c>Auto</c>, <c>StartTlsWhenAvailable</c>) are refused at start (<see cref="EmailOptionsValidation"/>).
    /// </summary>
    public SecureSocketOptions? Security { get; set; }

    public SecureSocketOptions EffectiveSecurity =>
        Security ?? (Port == ImplicitTlsPort ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls);
}
