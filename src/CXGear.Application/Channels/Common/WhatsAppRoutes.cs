namespace CXGear.Application.Channels.Common;

/// <summary>The routes Meta is given: they are registered with the Meta app, so they never change.</summary>
public static class WhatsAppRoutes
{
    /// <summary>Appended to <c>PUBLIC_API_URL</c> exactly; the authorize URL and the code exchange both send it.</summary>
    public const string CallbackPath = "/api/v1/channels/whatsapp/oauth/callback";

    public const string WebhookPath = "/api/v1/public/channels/whatsapp/webhook";
}
