using CXGear.Domain.Spinners.Definitions;
using static CXGear.Domain.Tests.Spinners.Definitions;

namespace CXGear.Domain.Tests.Spinners;

/// <summary><c>send_whatsapp</c>: a template message through a connected channel, read, checked and stored canonically.</summary>
public sealed class SendWhatsAppStepTests
{
    private const string ChannelId = "0195f0a2-7c1e-7b3a-9a51-2f6d3c9e8b10";

    private static string Send(string members) => Steps($"{{'id':'w1','type':'send_whatsapp',{members}}}");

    private const string Full = "'channelId':'" + ChannelId + "','to':'{{payload.phone}}','template':{'name':'welcome','language':'en_US','parameters':['{{name}}','{{payload.city}}']},'saveAs':'whatsapp'";

    [Test]
    public void A_full_step_is_read_with_its_templates()
    {
        var step = (SendWhatsAppStep)Valid(Send(Full)).Entry;

        Assert.That(
            (step.Type, step.ChannelId, step.To, step.TemplateName, step.Language, step.SaveAs),
            Is.EqualTo(("send_whatsapp", Guid.Parse(ChannelId), "{{payload.phone}}", "welcome", "en_US", "whatsapp")));
        Assert.That(step.Parameters, Is.EqualTo(new[] { "{{name}}", "{{payload.city}}" }));
    }

    [Test]
    public void The_canonical_form_orders_members_and_round_trips()
    {
        var definition = Valid(Steps(
            "{'saveAs':'whatsapp','template':{'parameters':['{{name}}'],'language':'en','name':'welcome'},'to':'{{payload.phone}}','channelId':'" + ChannelId + "','type':'send_whatsapp','id':'w1'}"));

        Assert.That(definition.ToJson(), Is.EqualTo(
            "{\"steps\":[{\"id\":\"w1\",\"type\":\"send_whatsapp\",\"channelId\":\"" + ChannelId + "\",\"to\":\"{{payload.phone}}\","
            + "\"template\":{\"name\":\"welcome\",\"language\":\"en\",\"parameters\":[\"{{name}}\"]},\"saveAs\":\"whatsapp\"}]}"));
        Assert.That(SpinnerDefinition.Parse(definition.ToJson()).Definition!.ToJson(), Is.EqualTo(definition.ToJson()));
    }

    [Test]
    public void Parameters_are_optional()
    {
        var step = (SendWhatsAppStep)Valid(Send("'channelId':'" + ChannelId + "','to':'+15550001','template':{'name':'hello_world','language':'en_US'},'saveAs':'w'")).Entry;

        Assert.That(step.Parameters, Is.Empty);
        Assert.That(Valid(Send("'channelId':'" + ChannelId + "','to':'+15550001','template':{'name':'hello_world','language':'en_US'},'saveAs':'w'")).ToJson(), Does.Not.Contain("parameters"));
    }

    [TestCase("'to':'x','template':{'name':'a','language':'en'},'saveAs':'w'", "definition.steps[0].channelId")]
    [TestCase("'channelId':'not-a-guid','to':'x','template':{'name':'a','language':'en'},'saveAs':'w'", "definition.steps[0].channelId")]
    [TestCase("'channelId':'" + ChannelId + "','template':{'name':'a','language':'en'},'saveAs':'w'", "definition.steps[0].to")]
    [TestCase("'channelId':'" + ChannelId + "','to':'x','saveAs':'w'", "definition.steps[0].template")]
    [TestCase("'channelId':'" + ChannelId + "','to':'x','template':'welcome','saveAs':'w'", "definition.steps[0].template")]
    [TestCase("'channelId':'" + ChannelId + "','to':'x','template':{'language':'en'},'saveAs':'w'", "definition.steps[0].template.name")]
    [TestCase("'channelId':'" + ChannelId + "','to':'x','template':{'name':'Welcome Message','language':'en'},'saveAs':'w'", "definition.steps[0].template.name")]
    [TestCase("'channelId':'" + ChannelId + "','to':'x','template':{'name':'a'},'saveAs':'w'", "definition.steps[0].template.language")]
    [TestCase("'channelId':'" + ChannelId + "','to':'x','template':{'name':'a','language':'english'},'saveAs':'w'", "definition.steps[0].template.language")]
    [TestCase("'channelId':'" + ChannelId + "','to':'x','template':{'name':'a','language':'en','parameters':'{{name}}'},'saveAs':'w'", "definition.steps[0].template.parameters")]
    [TestCase("'channelId':'" + ChannelId + "','to':'x','template':{'name':'a','language':'en','parameters':[42]},'saveAs':'w'", "definition.steps[0].template.parameters[0]")]
    [TestCase("'channelId':'" + ChannelId + "','to':'x','template':{'name':'a','language':'en','header':'x'},'saveAs':'w'", "definition.steps[0].template.header")]
    [TestCase("'channelId':'" + ChannelId + "','to':'x','template':{'name':'a','language':'en'}", "definition.steps[0].saveAs")]
    [TestCase("'channelId':'" + ChannelId + "','to':'x','template':{'name':'a','language':'en'},'saveAs':'disposition'", "definition.steps[0].saveAs")]
    [TestCase("'channelId':'" + ChannelId + "','to':'x','template':{'name':'a','language':'en'},'saveAs':'w','url':'https://x.test'", "definition.steps[0].url")]
    public void Each_problem_is_reported_at_its_path(string members, string path)
    {
        Assert.That(Paths(Send(members)), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void At_most_twenty_parameters()
    {
        var parameters = string.Join(",", Enumerable.Range(0, 21).Select(i => $"'p{i}'"));

        Assert.That(Paths(Send("'channelId':'" + ChannelId + "','to':'x','template':{'name':'a','language':'en','parameters':[" + parameters + "]},'saveAs':'w'")),
            Is.EqualTo(new[] { "definition.steps[0].template.parameters" }));
    }

    [Test]
    public void The_channels_a_definition_sends_through_are_listed_with_the_path_of_their_first_use()
    {
        var other = Guid.NewGuid();
        var definition = Valid(Steps(
            $"{{'id':'w1','type':'send_whatsapp',{Full},'next':'w2'}}",
            "{'id':'w2','type':'send_whatsapp','channelId':'" + other + "','to':'x','template':{'name':'a','language':'en'},'saveAs':'v','next':'w3'}",
            $"{{'id':'w3','type':'send_whatsapp',{Full}}}"));

        Assert.That(definition.ChannelReferences(), Is.EqualTo(new[]
        {
            (Guid.Parse(ChannelId), "definition.steps[0].channelId"),
            (other, "definition.steps[1].channelId"),
        }));
    }

    [Test]
    public void A_vault_reference_in_a_send_is_refused_at_save()
    {
        var definition = Valid(Send("'channelId':'" + ChannelId + "','to':'{{vault.phone}}','template':{'name':'a','language':'en'},'saveAs':'w'"));

        Assert.That(definition.SaveProblems().Select(p => p.Path), Is.EqualTo(new[] { "definition.steps[0].to" }));
    }
}
