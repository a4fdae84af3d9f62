using System.Globalization;
using System.Text.Json.Nodes;
using CXGear.Application.Channels.Common;
using CXGear.Application.Spinners.Runtime.Channels;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Runtime.Steps;

/// <summary>
/// Renders the recipient and the template's parameters, sends through the channel and saves <c>{messageId, status}</c>
/// under <c>output.&lt;saveAs&gt;</c>. The message itself is written by the job's flush, with the record's outcome, so
/// the webhook's statuses find it. A deleted channel fails the record with <c>CHANNEL_UNAVAILABLE</c>; a provider
/// refusal, or a failure that outlasted the retries, with <c>PROVIDER_ERROR: &lt;Meta's code&gt; …</c>.
/// </summary>
internal static class SendWhatsAppStepRunner
{
    public const string UnavailableCode = "CHANNEL_UNAVAILABLE";
    public const string ProviderErrorCode = "PROVIDER_ERROR";

    public static async Task<StepResult> RunAsync(
        SendWhatsAppStep step, RecordState state, IChannelMessenger channels, TimeProvider time, CancellationToken cancellationToken)
    {
        var rendered = TemplateRenderer.Render(step.To, state);
        if (Recipient(rendered) is not { } to)
        {
            return StepResult.Fail("whatsapp_failed", $"The recipient '{rendered}' is not a phone number: write it in international format, e.g. +15551234567.");
        }

        var parameters = step.Parameters.Select(p => TemplateRenderer.Render(p, state).ReplaceLineEndings(" ")).ToList();
        var message = new WhatsAppTemplateMessage(to, step.TemplateName, step.Language, parameters);
        var result = await channels.SendTemplateAsync(state.Context.OrganizationId, step.ChannelId, message, cancellationToken);
        switch (result.Outcome)
        {
            case ChannelSendOutcome.Sent:
                state.Outputs[step.SaveAs] = new JsonObject { ["messageId"] = result.MessageId, ["status"] = "accepted" };
                state.ChannelMessages.Add(new OutboundChannelMessage(step.ChannelId, result.MessageId!, result.From!, to, step.TemplateName, step.Id, time.GetUtcNow().UtcDateTime));
                return StepResult.Done("whatsapp_accepted", $"WhatsApp template '{step.TemplateName}' to {to} → accepted ({result.MessageId})", step.Next);
            case ChannelSendOutcome.Unavailable:
                return StepResult.Fail(
                    "channel_unavailable",
                    $"{UnavailableCode}: channel {step.ChannelId} is not connected to this organization (deleted since the spinner was saved?); connect it again or pick another channel.");
            default:
                var code = result.ProviderCode ?? (result.Status is { } status ? string.Create(CultureInfo.InvariantCulture, $"HTTP {status}") : "no answer");
                var suffix = result.Status is >= 500 or 429 ? string.Create(CultureInfo.InvariantCulture, $" (HTTP {result.Status})") : string.Empty;
                return StepResult.Fail("provider_error", $"{ProviderErrorCode}: {code} {result.Error}{suffix}");
        }
    }

    /// <summary>
    /// Digits only, as Meta wants them: spaces, dashes, dots, brackets and a leading '+' go; what remains must be 6–15
    /// digits (E.164 allows at most 15).
    /// </summary>
    private static string? Recipient(string rendered)
    {
        var digits = new string(rendered.Where(c => c is not (' ' or '-' or '.' or '(' or ')')).ToArray());
        if (digits.StartsWith('+'))
        {
            digits = digits[1..];
        }

        return digits.Length is >= 6 and <= 15 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
