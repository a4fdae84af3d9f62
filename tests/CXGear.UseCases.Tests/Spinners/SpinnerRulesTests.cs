using System.Text.Json;
using CXGear.Application.DataTables.Commands.CreateDataTable;
using CXGear.Application.DataTables.Commands.DeleteDataTable;
using CXGear.Application.DataTables.Queries.GetDataTable;
using CXGear.Application.Projects.Commands.CreateProject;
using CXGear.Application.Projects.Commands.DeleteProject;
using CXGear.Application.Spinners.Commands.CreateSpinner;
using CXGear.Application.Spinners.Commands.UpdateSpinner;
using CXGear.Application.Spinners.Queries.GetSpinner;
using CXGear.Application.Spinners.Queries.ListSpinners;
using CXGear.Domain.Common;
using CXGear.Domain.Organizations;
using CXGear.UseCases.Tests.Harness;
using Microsoft.EntityFrameworkCore;

namespace CXGear.UseCases.Tests.Spinners;

/// <summary>
/// Which table and parent a spinner may take, and what deleting a table or a project does to spinners. The routes'
/// happy paths, their error mapping, permissions and the cross-organization 404 stay in Api.Tests (SpinnerRoutesTests).
/// </summary>
public sealed class SpinnerRulesTests : SpinnerTestBase
{
    private static JsonElement Definition()
    {
        using var document = JsonDocument.Parse(LogThenTag);
        return document.RootElement.Clone();
    }

    [Test]
    public async Task The_table_must_be_one_of_the_project()
    {
        var org = await OrganizationAsync(PlanId.Pro);
        var project = await SendAsync(new CreateProjectCommand("Leads", "outreach"), org.Admin);
        var table = await SendAsync(new CreateDataTableCommand(project.Id, "Contacts", ["name"]), org.Admin);
        var otherProject = await SendAsync(new CreateProjectCommand("Leads", "outreach"), org.Admin);
        var otherProjectsTable = await SendAsync(new CreateDataTableCommand(otherProject.Id, "Contacts", null), org.Admin);
        var stranger = await OrganizationAsync();
        var strangersProject = await SendAsync(new CreateProjectCommand("Leads", "outreach"), stranger.Admin);
        var strangersTable = await SendAsync(new CreateDataTableCommand(strangersProject.Id, "Contacts", ["name"]), stranger.Admin);

        foreach (var wrong in new[] { otherProjectsTable.Id, strangersTable.Id, Guid.NewGuid() })
        {
            var errors = await InvalidAsync(() => SendAsync(new CreateSpinnerCommand(project.Id, "x", wrong, Definition(), null, null), org.Admin));
            Assert.That(errors.Keys, Does.Contain("dataTableId"), wrong.ToString());
        }

        Assert.That(stranger.Id, Is.Not.EqualTo(org.Id));
        Assert.That(await CountAsync(db => db.Spinners.IgnoreQueryFilters().Where(s => s.DataTableId == table.Id)), Is.Zero);
    }

    [Test]
    public async Task A_supporting_spinner_has_a_main_parent_of_the_project_and_a_start_condition()
    {
        var arranged = await ArrangeSpinnerAsync();
        var (admin, project, table, parent) = (arranged.Admin, arranged.ProjectId, arranged.TableId, arranged.SpinnerId);
        var when = new StartWhenInput("disposition", "Retry");

        var child = await CreateSpinnerAsync(admin, project, table, "Retry", parent, when);

        var read = await SendAsync(new GetSpinnerQuery(child), admin);
        Assert.That((read.Kind, read.ParentSpinnerId), Is.EqualTo(("supporting", (Guid?)parent)));
        Assert.That((read.StartWhen!.Field, read.StartWhen.EqualsText), Is.EqualTo(("disposition", "Retry")));

        Task<IReadOnlyDictionary<string, string[]>> Refused(Guid? parentSpinnerId, StartWhenInput? startWhen) =>
            InvalidAsync(() => SendAsync(new CreateSpinnerCommand(project, "x", table, Definition(), parentSpinnerId, startWhen), admin));

        var noCondition = await Refused(parent, null);
        var noParent = await Refused(null, when);
        var chained = await Refused(child, when);
        var unknown = await Refused(Guid.NewGuid(), when);
        var blankField = await Refused(parent, new StartWhenInput(" ", "Retry"));

        Assert.That(noCondition.Keys, Does.Contain("startWhen"));
        Assert.That(noParent.Keys, Does.Contain("startWhen"));
        Assert.That(chained.Keys, Does.Contain("parentSpinnerId"));
        Assert.That(unknown.Keys, Does.Contain("parentSpinnerId"));
        Assert.That(blankField.Keys, Does.Contain("startWhen.field"));
    }

    [Test]
    public async Task A_table_that_spinners_run_on_cannot_be_deleted_alone()
    {
        var arranged = await ArrangeSpinnerAsync();

        await RefusedAsync(() => SendAsync(new DeleteDataTableCommand(arranged.TableId), arranged.Admin), ErrorCodes.Conflict);

        Assert.That((await SendAsync(new GetDataTableQuery(arranged.TableId), arranged.Admin)).Id, Is.EqualTo(arranged.TableId));
        Assert.That((await SendAsync(new GetSpinnerQuery(arranged.SpinnerId), arranged.Admin)).Id, Is.EqualTo(arranged.SpinnerId));
    }

    [Test]
    public async Task Deleting_the_project_deletes_its_spinners_and_versions_and_frees_their_meter_units()
    {
        var arranged = await ArrangeSpinnerAsync();
        var (admin, project, table, main) = (arranged.Admin, arranged.ProjectId, arranged.TableId, arranged.SpinnerId);
        var child = await CreateSpinnerAsync(admin, project, table, "Retry", main, new StartWhenInput("disposition", "Retry"));
        var second = await CreateSpinnerAsync(admin, project, table, "Second");
        await PublishAsync(admin, main);
        await PublishAsync(admin, main);
        await PublishAsync(admin, child);
        await PublishAsync(admin, second);
        Assert.That(await SpinnersMeterAsync(admin), Is.EqualTo((2L, (long?)2)));

        await SendAsync(new DeleteProjectCommand(project), admin);

        Assert.That(await CountAsync(db => db.Spinners.IgnoreQueryFilters().Where(s => s.ProjectId == project)), Is.Zero);
        var ids = new[] { main, child, second };
        Assert.That(await CountAsync(db => db.SpinnerVersions.IgnoreQueryFilters().Where(v => ids.Contains(v.SpinnerId))), Is.Zero);
        Assert.That(await SpinnersMeterAsync(admin), Is.EqualTo((0L, (long?)2)), "the two published main spinners gave their units back");
    }

    private static JsonElement Json(string singleQuoted)
    {
        using var document = JsonDocument.Parse(singleQuoted.Replace('\'', '"'));
        return document.RootElement.Clone();
    }

    [Test]
    public async Task The_draft_is_stored_in_canonical_form()
    {
        var arranged = await ArrangeSpinnerAsync();
        var created = await SendAsync(
            new CreateSpinnerCommand(
                arranged.ProjectId,
                "Outreach",
                arranged.TableId,
                Json("{'steps':[{'next':'s2','message':'Hi','type':'log','id':'s1'},{'type':'ai_agent','id':'s2','provider':'Mock','task':'t'}]}"),
                null,
                null),
            arranged.Admin);

        var definition = (await SendAsync(new GetSpinnerQuery(created.Id), arranged.Admin)).Definition;

        var steps = definition.GetProperty("steps");
        Assert.That(steps[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "type", "message", "next" }));
        Assert.That(steps[1].GetProperty("outputMode").GetString(), Is.EqualTo("text"), "defaults are filled in");
    }

    [TestCase("{'steps':[{'id':'s1','type':'teleport'}]}", "definition.steps[0].type", TestName = "Unknown step type")]
    [TestCase("{'steps':[{'id':'s1','type':'log','message':'a','next':'nowhere'}]}", "definition.steps[0].next", TestName = "Dangling next")]
    [TestCase("{'steps':[{'id':'s1','type':'log','message':'a','next':'s2'},{'id':'s2','type':'log','message':'b','next':'s1'}]}", "definition.steps[1].next", TestName = "Cycle")]
    [TestCase("{'steps':[{'id':'d1','type':'decision','branches':[{'when':{'field':'f','equals':'x'},'next':'e'}]},{'id':'e','type':'tag','disposition':'x'}]}", "definition.steps[0].default", TestName = "Decision without default")]
    [TestCase("{'stages':[]}", "definition.stages", TestName = "Unknown member")]
    public async Task An_invalid_definition_is_refused_at_its_path_on_create_and_on_save(string definition, string path)
    {
        var arranged = await ArrangeSpinnerAsync();
        var before = await SendAsync(new GetSpinnerQuery(arranged.SpinnerId), arranged.Admin);

        var create = await InvalidAsync(() => SendAsync(new CreateSpinnerCommand(arranged.ProjectId, "Bad", arranged.TableId, Json(definition), null, null), arranged.Admin));
        var save = await InvalidAsync(() => SendAsync(new UpdateSpinnerCommand(arranged.SpinnerId, "Bad", Json(definition)), arranged.Admin));

        Assert.That(create.Keys, Does.Contain(path));
        Assert.That(save.Keys, Does.Contain(path));
        Assert.That((await SendAsync(new ListSpinnersQuery(arranged.ProjectId), arranged.Admin)).Total, Is.EqualTo(1), "nothing created");
        var after = await SendAsync(new GetSpinnerQuery(arranged.SpinnerId), arranged.Admin);
        Assert.That((after.Definition.GetRawText(), after.Name), Is.EqualTo((before.Definition.GetRawText(), "Outreach")), "the draft is unchanged");
    }
}
