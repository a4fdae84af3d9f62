using System.Text.Json.Nodes;
using CXGear.Application.Spinners.Runtime;
using static CXGear.Application.Tests.Spinners.Fixtures;

namespace CXGear.Application.Tests.Spinners;

public sealed class TemplateTests
{
    private static readonly RecordState Record = State(
        Payload(("name", "Ana"), ("phone", "+351 912"), ("age", 42), ("vip", true), ("note", null), ("a.b", "dotted"), ("disposition", "from-row")),
        new JsonObject
        {
            ["disposition"] = "Contacted",
            ["api_response"] = new JsonObject { ["status"] = 200, ["body"] = new JsonObject { ["id"] = "c-9", ["tags"] = new JsonArray("x", "y") } },
        });

    [TestCase("Hi {{name}}", "Hi Ana")]
    [TestCase("Hi {{ name }}!", "Hi Ana!")]
    [TestCase("{{payload.phone}}", "+351 912")]
    [TestCase("{{payload.age}} {{payload.vip}} [{{payload.note}}]", "42 true []")]
    [TestCase("{{payload.a.b}}", "dotted")]
    [TestCase("{{output.disposition}}", "Contacted")]
    [TestCase("{{output.api_response.status}} {{output.api_response.body.id}}", "200 c-9")]
    [TestCase("{{output.api_response.body.tags}}", "[\"x\",\"y\"]")]
    [TestCase("{{context.jobId}}/{{context.recordId}}/{{context.spinnerId}}", "11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222/33333333-3333-3333-3333-333333333333")]
    [TestCase("{{context.projectId}}/{{context.organizationId}}", "55555555-5555-5555-5555-555555555555/44444444-4444-4444-4444-444444444444")]
    [TestCase("no placeholders", "no placeholders")]
    [TestCase("{single} {{ }} {{unclosed", "{single} {{ }} {{unclosed")]
    public void Placeholders_render_from_payload_output_and_context(string template, string expected)
    {
        Assert.That(TemplateRenderer.Render(template, Record), Is.EqualTo(expected));
    }

    [TestCase("Call {params:phone} now", "Call +351 912 now")]
    [TestCase("{params:disposition} / {output:disposition}", "from-row / Contacted")]
    [TestCase("{params:a.b} {output:api_response.body.id}", "dotted c-9")]
    [TestCase("{\"to\":\"{params:phone}\"}", "{\"to\":\"+351 912\"}")]
    [TestCase("{other:phone} {params:} {params: phone}", "{other:phone} {params:} {params: phone}")]
    public void The_products_short_forms_read_the_row_and_the_outputs(string template, string expected)
    {
        Assert.That(TemplateRenderer.Render(template, Record), Is.EqualTo(expected));
    }

    [TestCase("{params:email}", "‹params:email›")]
    [TestCase("{output:ai_response}", "‹output:ai_response›")]
    [TestCase("{{payload.email}}", "‹payload.email›")]
    [TestCase("Call {{ phone2 }} now", "Call ‹phone2› now")]
    [TestCase("{{output.ai_response}}", "‹output.ai_response›")]
    [TestCase("{{output.api_response.body.missing}}", "‹output.api_response.body.missing›")]
    [TestCase("{{output.disposition.deeper}}", "‹output.disposition.deeper›")]
    [TestCase("{{context.tenant}}", "‹context.tenant›")]
    public void A_missing_key_renders_as_its_path_in_angle_quotes(string template, string expected)
    {
        Assert.That(TemplateRenderer.Render(template, Record), Is.EqualTo(expected));
    }

    [Test]
    public void A_bare_name_prefers_the_output_over_the_row_field()
    {
        Assert.That(TemplateRenderer.Render("{{disposition}} / {{payload.disposition}}", Record), Is.EqualTo("Contacted / from-row"));
    }

    [Test]
    public void The_encoder_applies_to_inserted_values_only()
    {
        var rendered = TemplateRenderer.Render("https://x.test/c/{{payload.phone}}?q={{name}}", Record, Uri.EscapeDataString);

        Assert.That(rendered, Is.EqualTo("https://x.test/c/%2B351%20912?q=Ana"));
    }

    [Test]
    public void A_missing_key_is_not_passed_to_the_encoder()
    {
        Assert.That(TemplateRenderer.Render("{{nope}}", Record, _ => "ENCODED"), Is.EqualTo("‹nope›"));
    }
}
