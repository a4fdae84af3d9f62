using System.Text;
using CXGear.Application.Channels.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Domain.Authorization;
using CXGear.Domain.Channels;
using CXGear.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CXGear.Application.Channels.Commands.ConnectWhatsApp;

/// <summary>
/// <c>POST /channels/whatsapp/connect</c>: the URL of Meta's dialog the web app sends the browser to, with a fresh
/// state (256 random bits, single use, 10 minutes) bound to the caller's organization and user. Only its hash is kept.
/// </summary>
public sealed record ConnectWhatsAppCommand : ICommand<WhatsAppConnectStart>, IRequirePermission
{
    public string Permission => Permissions.IntegrationsWrite;
}

/// <summary>Where to send the browser, and the state it carries (also in the URL) with its expiry.</summary>
public sealed record WhatsAppConnectStart(string AuthorizeUrl, string State, DateTime ExpiresAt);

public sealed class ConnectWhatsAppHandler(
    IApplicationDbContext db, ICurrentPrincipal principal, IPublicApiUrl publicUrl, IOptions<WhatsAppOptions> options, TimeProvider clock)
    : ICommandHandler<ConnectWhatsAppCommand, WhatsAppConnectStart>
{
    public async ValueTask<WhatsAppConnectStart> Handle(ConnectWhatsAppCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.CanConnect)
        {
            throw new CXGearException(
                ErrorCodes.Conflict,
                $"WhatsApp is not set up on this deployment: {WhatsAppOptions.Section}:AppId and {WhatsAppOptions.Section}:AppSecret are required.");
        }

        var baseUrl = publicUrl.CallbackBaseUrl ?? throw new CXGearException(
            ErrorCodes.Conflict,
            $"PUBLIC_API_URL is not set. Meta sends the browser back to PUBLIC_API_URL + {WhatsAppRoutes.CallbackPath}, and in production that address is never taken from the request's Host header; set PUBLIC_API_URL to this API's public URL (for example https://api.example.com) and register the callback with the Meta app.");
        var redirectUri = baseUrl + WhatsAppRoutes.CallbackPath;

        var now = clock.GetUtcNow().UtcDateTime;

        // The organization's used and expired states go as it starts another attempt; live ones stay usable.
        await db.ChannelConnectStates.Where(ChannelConnectState.Spent.At(now)).ExecuteDeleteAsync(cancellationToken);

        var state = OpaqueTokens.New();
        var issued = ChannelConnectState.Issue(OpaqueTokens.Hash(state), principal.OrganizationId!.Value, principal.UserId!.Value, redirectUri, now);
        db.ChannelConnectStates.Add(issued);
        await db.SaveChangesAsync(cancellationToken);
        return new WhatsAppConnectStart(AuthorizeUrl(settings, redirectUri, state), state, issued.ExpiresAt);
    }

    private static string AuthorizeUrl(WhatsAppOptions settings, string redirectUri, string state)
    {
        var url = new StringBuilder(settings.AuthorizeUrl);
        url.Append(settings.AuthorizeUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?');
        Add(url, "client_id", settings.AppId!, first: true);
        Add(url, "redirect_uri", redirectUri);
        Add(url, "state", state);
        Add(url, "response_type", "code");
        Add(url, "scope", WhatsAppOptions.Scope);
        if (!string.IsNullOrWhiteSpace(settings.ConfigId))
        {
            Add(url, "config_id", settings.ConfigId);
        }

        return url.ToString();
    }

    private static void Add(StringBuilder url, string name, string value, bool first = false) =>
        url.Append(first ? string.Empty : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
}
