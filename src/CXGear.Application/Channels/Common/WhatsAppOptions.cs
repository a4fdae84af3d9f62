namespace CXGear.Application.Channels.Common;

/// <summary>
/// <c>Channels:WhatsApp</c>: the Meta app this deployment connects businesses through, and where Meta's endpoints
/// are (tests point both URLs at a local fake).
/// </summary>
public sealed class WhatsAppOptions
{
    public const string Section = "Channels:WhatsApp";

    public const string DefaultAuthorizeUrl = "https://www.facebook.com/v21.0/dialog/oauth";
    public const string DefaultGraphBaseUrl = "https://graph.facebook.com/v21.0";

    /// <summary>The permissions a connection asks for: manage the business's numbers and templates, send messages.</summary>
    public const string Scope = "whatsapp_business_management,whatsapp_business_messaging";

    public string? AppId { get; set; }

    /// <summary>Signs the code exchange and every webhook POST (<c>X-Hub-Signature-256</c>).</summary>
    public string? AppSecret { get; set; }

    /// <summary>What Meta echoes when it verifies the webhook URL (<c>hub.verify_token</c>).</summary>
    public string? VerifyToken { get; set; }

    /// <summary>An Embedded Signup configuration; added to the authorize URL when set.</summary>
    public string? ConfigId { get; set; }

    public string AuthorizeUrl { get; set; } = DefaultAuthorizeUrl;

    /// <summary>Meta's Graph API with its version, no trailing slash needed.</summary>
    public string GraphBaseUrl { get; set; } = DefaultGraphBaseUrl;

    public bool CanConnect => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppSecret);
}
