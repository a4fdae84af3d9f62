using System.Globalization;
using System.Text.Json;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>
/// Sends a WhatsApp template message through one of the organization's channels. <see cref="To"/> and each of
/// <see cref="Parameters"/> are templates (the recipient usually comes from the row); the template's name and
/// language are literal, as Meta approved them. The answer <c>{messageId, status}</c> is saved under <see cref="SaveAs"/>.
/// </summary>
public sealed class SendWhatsAppStep : SpinnerStep
{
    public const int MaxTemplateNameLength = 512;
    public const int MaxParameters = 20;
    public const int MaxParameterLength = 1_024;

    internal SendWhatsAppStep(string id, string? next, Guid channelId, string to, string templateName, string language, IReadOnlyList<string> parameters, string saveAs)
        : base(id, next)
    {
        ChannelId = channelId;
        To = to;
        TemplateName = templateName;
        Language = language;
        Parameters = parameters;
        SaveAs = saveAs;
    }

    public override string Type => StepTypes.SendWhatsApp;

    /// <summary>A channel of the spinner's organization (checked when the spinner is saved, and again at each send).</summary>
    public Guid ChannelId { get; }

    /// <summary>The recipient's phone number (a template), international format.</summary>
    public string To { get; }

    public string TemplateName { get; }

    /// <summary>The template's language code as Meta names it (<c>en</c>, <c>en_US</c>, <c>pt_BR</c>).</summary>
    public string Language { get; }

    /// <summary>The body's <c>{{1}}</c>, <c>{{2}}</c>… in order, each a template.</summary>
    public IReadOnlyList<string> Parameters { get; }

    public string SaveAs { get; }

    private protected override void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("channelId", ChannelId.ToString("D", CultureInfo.InvariantCulture));
        writer.WriteString("to", To);
        writer.WriteStartObject("template");
        writer.WriteString("name", TemplateName);
        writer.WriteString("language", Language);
        if (Parameters.Count > 0)
        {
            writer.WriteStartArray("parameters");
            foreach (var parameter in Parameters)
            {
                writer.WriteStringValue(parameter);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteString("saveAs", SaveAs);
    }
}
