using CXGear.Domain.Spinners.Definitions;
using static CXGear.Domain.Tests.Spinners.Definitions;

namespace CXGear.Domain.Tests.Spinners;

public sealed class SpinnerDefinitionValidationTests
{
    private const string End = "{'id':'end','type':'tag','disposition':'Done'}";

    [TestCase("[]", "definition")]
    [TestCase("{}", "definition.steps")]
    [TestCase("{'steps':{}}", "definition.steps")]
    [TestCase("{'steps':[]}", "definition.steps")]
    [TestCase("{'steps':[1]}", "definition.steps[0]")]
    [TestCase("{'steps':[{'id':'a','type':'tag','disposition':'x'}],'extra':1}", "definition.extra")]
    public void The_shape_of_the_definition_is_checked(string json, string path)
    {
        Assert.That(Paths(json), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void More_than_the_step_cap_is_refused_without_reading_the_steps()
    {
        var steps = Enumerable.Range(0, DefinitionLimits.MaxSteps + 1).Select(i => $"{{'id':'s{i}','type':'nope'}}");

        Assert.That(Paths(Steps(steps.ToArray())), Is.EqualTo(new[] { "definition.steps" }));
    }

    [Test]
    public void Exactly_the_step_cap_is_accepted()
    {
        var steps = Enumerable.Range(0, DefinitionLimits.MaxSteps)
            .Select(i => i + 1 < DefinitionLimits.MaxSteps ? $"{{'id':'s{i}','type':'log','message':'m','next':'s{i + 1}'}}" : $"{{'id':'s{i}','type':'log','message':'m'}}");

        Assert.That(Parse(Steps(steps.ToArray())).IsValid, Is.True);
    }

    [Test]
    public void An_unknown_type_names_the_known_ones()
    {
        var errors = Errors(Steps("{'id':'s1','type':'sms','to':'x'}"));

        Assert.That(errors, Is.EqualTo(new[] { "definition.steps[0].type: Unknown step type 'sms'; expected one of log, tag, decision, api_call, ai_agent, function, send_whatsapp." }));
    }

    [TestCase("{'type':'log','message':'m'}", "definition.steps[0].id")]
    [TestCase("{'id':'','type':'log','message':'m'}", "definition.steps[0].id")]
    [TestCase("{'id':'has space','type':'log','message':'m'}", "definition.steps[0].id")]
    [TestCase("{'id':7,'type':'log','message':'m'}", "definition.steps[0].id")]
    [TestCase("{'id':'s1','message':'m'}", "definition.steps[0].type")]
    [TestCase("{'id':'s1','type':'log'}", "definition.steps[0].message")]
    [TestCase("{'id':'s1','type':'log','message':'m','colour':'red'}", "definition.steps[0].colour")]
    [TestCase("{'id':'s1','type':'tag'}", "definition.steps[0].disposition")]
    [TestCase("{'id':'s1','type':'log','message':'m','next':3}", "definition.steps[0].next")]
    public void Missing_mistyped_and_unknown_members_are_reported_at_their_path(string step, string path)
    {
        Assert.That(Paths(Steps(step)), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void An_id_longer_than_the_cap_is_refused()
    {
        var id = new string('a', DefinitionLimits.MaxIdLength + 1);

        Assert.That(Paths(Steps($"{{'id':'{id}','type':'log','message':'m'}}")), Is.EqualTo(new[] { "definition.steps[0].id" }));
        Assert.That(Parse(Steps($"{{'id':'{id[1..]}','type':'log','message':'m'}}")).IsValid, Is.True);
    }

    [TestCase("message", DefinitionLimits.MaxTextLength)]
    [TestCase("disposition", DefinitionLimits.MaxShortTextLength)]
    public void Text_longer_than_its_cap_is_refused(string member, int cap)
    {
        var type = member == "message" ? "log" : "tag";
        string Step(int length) => Steps($"{{'id':'s1','type':'{type}','{member}':'{new string('x', length)}'}}");

        Assert.That(Paths(Step(cap + 1)), Is.EqualTo(new[] { $"definition.steps[0].{member}" }));
        Assert.That(Parse(Step(cap)).IsValid, Is.True);
    }

    [Test]
    public void Duplicate_ids_point_at_the_first_use()
    {
        var errors = Errors(Steps("{'id':'s1','type':'log','message':'a','next':'s2'}", "{'id':'s2','type':'tag','disposition':'x'}", "{'id':'s1','type':'tag','disposition':'y'}"));

        Assert.That(errors, Is.EqualTo(new[] { "definition.steps[2].id: Step id 's1' is already used by definition.steps[0]." }));
    }

    [Test]
    public void Links_to_missing_steps_are_reported_for_next_branches_and_default()
    {
        var paths = Paths(Steps(
            "{'id':'s1','type':'log','message':'a','next':'ghost'}",
            "{'id':'d1','type':'decision','branches':[{'when':{'field':'f','equals':'x'},'next':'end'},{'when':{'field':'f','equals':'y'},'next':'nowhere'}],'default':'gone'}",
            End));

        Assert.That(paths, Is.EqualTo(new[]
        {
            "definition.steps[0].next", "definition.steps[1].branches[1].next", "definition.steps[1].default",
        }));
    }

    [Test]
    public void A_step_with_an_invalid_field_still_counts_as_a_link_target()
    {
        var paths = Paths(Steps("{'id':'s1','type':'log','message':'a','next':'s2'}", "{'id':'s2','type':'tag'}"));

        Assert.That(paths, Is.EqualTo(new[] { "definition.steps[1].disposition" }));
    }

    [Test]
    public void A_cycle_is_reported_at_the_link_that_closes_it()
    {
        var errors = Errors(Steps(
            "{'id':'s1','type':'log','message':'a','next':'s2'}",
            "{'id':'s2','type':'log','message':'b','next':'s3'}",
            "{'id':'s3','type':'log','message':'c','next':'s2'}"));

        Assert.That(errors, Is.EqualTo(new[] { "definition.steps[2].next: This link closes a cycle (s2 → s3 → s2); a record runs each step at most once." }));
    }

    [Test]
    public void A_step_pointing_at_itself_is_a_cycle()
    {
        Assert.That(Paths(Steps("{'id':'s1','type':'log','message':'a','next':'s1'}")), Is.EqualTo(new[] { "definition.steps[0].next" }));
    }

    [Test]
    public void A_cycle_through_a_decision_branch_is_reported()
    {
        var paths = Paths(Steps(
            "{'id':'s1','type':'log','message':'a','next':'d1'}",
            "{'id':'d1','type':'decision','branches':[{'when':{'field':'f','equals':'x'},'next':'s1'}],'default':'end'}",
            End));

        Assert.That(paths, Is.EqualTo(new[] { "definition.steps[1].branches[0].next" }));
    }

    [Test]
    public void A_cycle_among_unreachable_steps_is_reported_too()
    {
        var paths = Paths(Steps(End, "{'id':'p1','type':'log','message':'a','next':'p2'}", "{'id':'p2','type':'log','message':'b','next':'p1'}"));

        Assert.That(paths, Is.EqualTo(new[] { "definition.steps[2].next" }));
    }

    [Test]
    public void Two_paths_joining_on_one_step_are_not_a_cycle()
    {
        var definition = Parse(Steps(
            "{'id':'d1','type':'decision','branches':[{'when':{'field':'f','equals':'x'},'next':'s1'}],'default':'s2'}",
            "{'id':'s1','type':'log','message':'a','next':'end'}",
            "{'id':'s2','type':'log','message':'b','next':'end'}",
            End));

        Assert.That(definition.Errors, Is.Empty);
    }

    [TestCase("{'id':'d1','type':'decision','branches':[{'when':{'field':'f','equals':'x'},'next':'end'}]}", "definition.steps[0].default")]
    [TestCase("{'id':'d1','type':'decision','default':'end'}", "definition.steps[0].branches")]
    [TestCase("{'id':'d1','type':'decision','branches':[],'default':'end'}", "definition.steps[0].branches")]
    [TestCase("{'id':'d1','type':'decision','branches':[{'when':{'field':'f','equals':'x'},'next':'end'}],'default':'end','next':'end'}", "definition.steps[0].next")]
    [TestCase("{'id':'d1','type':'decision','branches':[{'next':'end'}],'default':'end'}", "definition.steps[0].branches[0].when")]
    [TestCase("{'id':'d1','type':'decision','branches':[{'when':{'equals':'x'},'next':'end'}],'default':'end'}", "definition.steps[0].branches[0].when.field")]
    [TestCase("{'id':'d1','type':'decision','branches':[{'when':{'field':'f'},'next':'end'}],'default':'end'}", "definition.steps[0].branches[0].when.equals")]
    [TestCase("{'id':'d1','type':'decision','branches':[{'when':{'field':'f','equals':[1]},'next':'end'}],'default':'end'}", "definition.steps[0].branches[0].when.equals")]
    [TestCase("{'id':'d1','type':'decision','branches':[{'when':{'field':'f','equals':'x','op':'gt'},'next':'end'}],'default':'end'}", "definition.steps[0].branches[0].when.op")]
    [TestCase("{'id':'d1','type':'decision','branches':[{'when':{'field':'f','equals':'x'}}],'default':'end'}", "definition.steps[0].branches[0].next")]
    [TestCase("{'id':'d1','type':'decision','branches':['x'],'default':'end'}", "definition.steps[0].branches[0]")]
    public void Decision_rules(string decision, string path)
    {
        Assert.That(Paths(Steps(decision, End)), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void A_decision_has_at_most_the_branch_cap()
    {
        var branches = string.Join(",", Enumerable.Repeat("{'when':{'field':'f','equals':'x'},'next':'end'}", DefinitionLimits.MaxBranches + 1));

        Assert.That(Paths(Steps($"{{'id':'d1','type':'decision','branches':[{branches}],'default':'end'}}", End)), Is.EqualTo(new[] { "definition.steps[0].branches" }));
    }

    [Test]
    public void Every_error_in_a_definition_is_returned_at_once()
    {
        var paths = Paths(Steps(
            "{'id':'s1','type':'log','next':'ghost'}",
            "{'id':'s2','type':'teleport'}",
            "{'id':'d1','type':'decision','branches':[{'when':{'field':'f','equals':'x'},'next':'s1'}]}"));

        Assert.That(paths, Is.EquivalentTo(new[]
        {
            "definition.steps[0].message", "definition.steps[1].type", "definition.steps[2].default", "definition.steps[0].next",
        }));
    }
}
