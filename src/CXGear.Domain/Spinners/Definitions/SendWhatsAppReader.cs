using System.Text.Json;
using System.Text.RegularExpressions;

namespace CXGear.Domain.Spinners.Definitions;

/// <summary>Reads a <c>send_whatsapp</c> step: channel, recipient, template (name, language, parameters) and <c>saveAs</c>.</summary>
internal static partial class SendWhatsAppReader
{
    public static SendWhatsAppStep? Read(JsonObjectReader reader, string? id, string? next)
    {
        var channel = reader.RequiredString("channelId", DefinitionLimits.MaxIdLength);
        var channelId = Guid.Empty;
        if (channel is not null && !Guid.TryParse(channel, out channelId))
        {
            reader.Error("channelId", "'channelId' is the id of a connected channel (see GET /channels).");
        }

        var to = reader.RequiredString("to", DefinitionLimits.MaxShortTextLength);
        var (name, language, parameters) = ReadTemplate(reader);
        var saveAs = ApiCallReader.ReadSaveAs(reader);
        return new SendWhatsAppStep(id!, next, channelId, to!, name!, language!, parameters, saveAs!);
    }

    private static (string? Name, string? Language, List<string> Parameters) ReadTemplate(JsonObjectReader reader)
    {
        var parameters = new List<string>();
        var json = reader.Member("template");
        if (json is null)
        {
            reader.Error("template", "'template' is required: {name, language, parameters?}.");
            return (null, null, parameters);
        }

        if (json.Value.ValueKind != JsonValueKind.Object)
        {
            reader.Error("template", "'template' must be an object {name, language, parameters?}.");
            return (null, null, parameters);
        }

        var template = new JsonObjectReader(json.Value, reader.At("template"), reader.Errors);
        var name = template.RequiredString("name", SendWhatsAppStep.MaxTemplateNameLength);
        if (name is not null && !TemplateNamePattern().IsMatch(name))
        {
            template.Error("name", "A template name is lower-case letters, digits and '_', as approved in WhatsApp Manager.");
        }

        var language = template.RequiredString("language", DefinitionLimits.MaxShortTextLength);
        if (language is not null && !LanguagePattern().IsMatch(language))
        {
            template.Error("language", "'language' is a template language code such as en, en_US or pt_BR.");
        }

        var list = template.Member("parameters");
        if (list is { ValueKind: not JsonValueKind.Array })
        {
            template.Error("parameters", "'parameters' must be an array of strings (templates).");
        }
        else if (list is { } array)
        {
            if (array.GetArrayLength() > SendWhatsAppStep.MaxParameters)
            {
                template.Error("parameters", $"At most {SendWhatsAppStep.MaxParameters} parameters.");
            }
            else
            {
                var index = 0;
                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || item.GetString()!.Length > SendWhatsAppStep.MaxParameterLength)
                    {
                        template.Error($"parameters[{index}]", $"A parameter is a string of at most {SendWhatsAppStep.MaxParameterLength} characters.");
                    }
                    else
                    {
                        parameters.Add(item.GetString()!);
                    }

                    index++;
                }
            }
        }

        template.RefuseUnknownMembers();
        return (name, language, parameters);
    }

    [GeneratedRegex("^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateNamePattern();

    [GeneratedRegex("^[a-z]{2,3}(_[A-Z]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
