using System.Text;
using CXGear.Application.Channels.Common;
using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Auditing;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Security;
using CXGear.Application.Vault.Common;
using CXGear.Domain.Audit;
using CXGear.Domain.Channels;
using CXGear.Domain.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CXGear.Application.Channels.Commands.CompleteWhatsAppConnection;

/// <summary>
/// <c>GET /channels/whatsapp/oauth/callback</c>: Meta sends the browser back here with a code and our state. No JWT:
/// the state is the credential, and names the organization and user that asked. The code is exchanged for the
/// business's token, its phone numbers are read, the app is subscribed to each business account's webhooks, and each
/// number becomes a channel with the token encrypted; each new one takes a Channels unit at the save. Every refusal is a <see cref="ConnectionRefused"/> reason for the redirect.
/// </summary>
/// <remarks>
/// Staged (<see cref="IStagedCommand"/>): the Graph API calls, which take seconds at worst, run before the write turn
/// is taken; the unit of work then spends the state (conditionally, so one of two racing callbacks wins), saves the
/// channels, counts the meter and keeps the audit events in one transaction.
/// </remarks>
public sealed record CompleteWhatsAppConnectionCommand(string? Code, string? State, string? WabaId, string? Error)
    : ICommand<WhatsAppConnection>, IAllowAnonymous, IStagedCommand
{
    /// <summary>The code and the state are credentials; no log line prints them.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("WabaId = ").Append(WabaId).Append(", Error = ").Append(Error);
        return true;
    }
}

/// <summary>The channels this connection created or refreshed.</summary>
public sealed record WhatsAppConnection(Guid OrganizationId, IReadOnlyList<Guid> ChannelIds);

public sealed partial class CompleteWhatsAppConnectionHandler(
    IApplicationDbContext db,
    ICurrentPrincipal principal,
    IWhatsAppGraph graph,
    IVaultCipher cipher,
    ConnectStateUse stateUse,
    IAuditLog audit,
    TimeProvider clock,
    ILogger<CompleteWhatsAppConnectionHandler> logger) : ICommandHandler<CompleteWhatsAppConnectionCommand, WhatsAppConnection>
{
    /// <summary>Meta's ids are decimal numbers; anything else in <c>waba_id</c> is ignored in favour of the token's grants.</summary>
    private const int MaxIdLength = Channel.MaxProviderIdLength;

    public async ValueTask<WhatsAppConnection> Handle(CompleteWhatsAppConnectionCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var state = await ReadStateAsync(command.State, now, cancellationToken);
        if (!string.IsNullOrEmpty(command.Error))
        {
            throw ConnectionRefused.Error(ConnectionRefused.AccessDenied, "The connection was cancelled in Meta's dialog.");
        }

        if (command.Code is not { Length: > 0 and <= 4_096 } code)
        {
            throw ConnectionRefused.Error(ConnectionRefused.ProviderError, "Meta sent no authorization code.");
        }

        var (token, numbers) = await ReadBusinessAsync(code, state.RedirectUri, command.WabaId, cancellationToken);
        var protectedToken = cipher.Protect(state.OrganizationId, token);
        var ids = numbers.Select(n => n.Number.PhoneNumberId).ToList();
        var existing = await db.Channels.IgnoreQueryFilters().Where(c => ids.Contains(c.PhoneNumberId)).ToListAsync(cancellationToken);
        var connected = new List<Guid>();
        foreach (var (wabaId, number) in numbers)
        {
            var channel = existing.FirstOrDefault(c => c.PhoneNumberId == number.PhoneNumberId);
            if (channel is not null && channel.OrganizationId != state.OrganizationId)
            {
                throw ConnectionRefused.Error(
                    ConnectionRefused.PhoneNumberInUse,
                    $"The number {number.DisplayPhoneNumber} is connected to another organization; it must be deleted there first.");
            }

            var isNew = channel is null;
            if (channel is null)
            {
                channel = Channel.ConnectWhatsApp(state.OrganizationId, number, wabaId, protectedToken, state.UserId, now);
                db.Channels.Add(channel);
            }
            else
            {
                channel.Reconnect(number, wabaId, protectedToken, state.UserId, now);
            }

            audit.Record(
                isNew ? AuditEventTypes.ChannelConnected : AuditEventTypes.ChannelReconnected,
                new { channelId = channel.Id, kind = channel.Kind, phoneNumber = channel.PhoneNumber, phoneNumberId = channel.PhoneNumberId, wabaId },
                state.OrganizationId,
                state.UserId);
            connected.Add(channel.Id);
        }

        await stateUse.StageAsync(state.Id, now, cancellationToken);
        return new WhatsAppConnection(state.OrganizationId, connected);
    }

    /// <summary>
    /// The state as issued, if it can still be used by whoever follows it: unknown, used and expired states are
    /// refused, as is a state followed by a signed-in member of another organization, or one whose user is no longer
    /// an active member of the organization it names.
    /// </summary>
    private async Task<ChannelConnectState> ReadStateAsync(string? value, DateTime now, CancellationToken cancellationToken)
    {
        if (value is not { Length: > 0 and <= OpaqueTokens.MaxLength })
        {
            throw ConnectionRefused.Error(ConnectionRefused.StateUnknown, "The connection link is not valid; start again from the integrations page.");
        }

        var hash = OpaqueTokens.Hash(value);
        var state = await db.ChannelConnectStates.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.StateHash == hash, cancellationToken)
            ?? throw ConnectionRefused.Error(ConnectionRefused.StateUnknown, "The connection link is not valid; start again from the integrations page.");
        if (state.UsedAt is not null)
        {
            throw ConnectionRefused.Error(ConnectionRefused.StateUsed, "This connection link was already used; start again from the integrations page.");
        }

        if (state.IsExpiredAt(now))
        {
            throw ConnectionRefused.Error(ConnectionRefused.StateExpired, "The connection link expired (it lives 10 minutes); start again from the integrations page.");
        }

        var asker = await db.Users.IgnoreQueryFilters()
            .Where(u => u.Id == state.UserId && u.OrganizationId == state.OrganizationId)
            .Select(u => (UserStatus?)u.Status)
            .FirstOrDefaultAsync(cancellationToken);
        var wrongCaller = principal.OrganizationId is { } caller && caller != state.OrganizationId;
        if (wrongCaller || asker != UserStatus.Active)
        {
            throw ConnectionRefused.Error(ConnectionRefused.StateMismatch, "This connection link belongs to another organization or to a member who can no longer use it.");
        }

        return state;
    }

    private async Task<(string Token, List<(string WabaId, WhatsAppNumber Number)> Numbers)> ReadBusinessAsync(
        string code, string redirectUri, string? wabaFromCallback, CancellationToken cancellationToken)
    {
        try
        {
            var token = await graph.ExchangeCodeAsync(code, redirectUri, cancellationToken);
            IReadOnlyList<string> wabaIds = IsProviderId(wabaFromCallback)
                ? [wabaFromCallback!]
                : await graph.ListBusinessAccountIdsAsync(token, cancellationToken);
            var numbers = new List<(string, WhatsAppNumber)>();
            foreach (var wabaId in wabaIds.Where(IsProviderId).Distinct(StringComparer.Ordinal))
            {
                foreach (var number in await graph.ListPhoneNumbersAsync(wabaId, token, cancellationToken))
                {
                    if (IsProviderId(number.PhoneNumberId) && numbers.All(n => n.Item2.PhoneNumberId != number.PhoneNumberId))
                    {
                        numbers.Add((wabaId, number));
                    }
                }
            }

            if (numbers.Count == 0)
            {
                throw ConnectionRefused.Error(ConnectionRefused.NoPhoneNumbers, "The WhatsApp Business account has no phone number to connect; add one in Meta's WhatsApp Manager first.");
            }

            foreach (var wabaId in numbers.Select(n => n.Item1).Distinct(StringComparer.Ordinal))
            {
                await graph.SubscribeAppAsync(wabaId, token, cancellationToken);
            }

            return (token, numbers);
        }
        catch (WhatsAppGraphException error)
        {
            ProviderRefused(logger, error.Status, error.ProviderCode);
            throw ConnectionRefused.Error(ConnectionRefused.ProviderError, "Meta did not complete the connection; try again, and check the Meta app's settings if it keeps failing.");
        }
    }

    private static bool IsProviderId(string? id) => id is { Length: > 0 and <= MaxIdLength } && id.All(char.IsAsciiDigit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WhatsApp connection refused by the Graph API: status {Status}, provider code {ProviderCode}")]
    private static partial void ProviderRefused(ILogger logger, int? status, string? providerCode);
}
