using CXGear.Application.DataTables.Commands.CreateDataTable;
using CXGear.Application.DataTables.Commands.DeleteDataTable;
using CXGear.Application.DataTables.Commands.ImportCsv;
using CXGear.Application.DataTables.Common;
using CXGear.Application.Projects.Commands.CreateProject;
using CXGear.Application.Projects.Commands.DeleteProject;
using CXGear.Domain.Common;
using CXGear.UseCases.Tests.Harness;
using Microsoft.EntityFrameworkCore;

namespace CXGear.UseCases.Tests.DataTables;

/// <summary>
/// Table names and columns, and how tables and their rows hold and free the Data tables meter. The routes' happy
/// paths, PLAN_LIMIT's mapping, the permissions over HTTP and the cross-organization 404 stay in Api.Tests.
/// </summary>
public sealed class DataTableRulesTests : UseCaseTestBase
{
    private Task<DataTableDto> CreateTableAsync(Caller admin, Guid projectId, string name = "Contacts", string[]? columns = null) =>
        SendAsync(new CreateDataTableCommand(projectId, name, columns), admin);

    private Task ImportAsync(Caller admin, Guid tableId, string csv) =>
        SendAsync(new ImportCsvCommand(tableId, new InMemoryUpload(csv), false), admin);

    private Task<int> RowsOfAsync(Guid tableId) => CountAsync(db => db.DataRows.IgnoreQueryFilters().Where(r => r.DataTableId == tableId));

    [Test]
    public async Task Deleting_a_table_deletes_its_rows_and_frees_its_place_on_the_meter()
    {
        var org = await OrganizationAsync();
        var project = await SendAsync(new CreateProjectCommand("Leads", "outreach"), org.Admin);
        var table = await CreateTableAsync(org.Admin, project.Id);
        await ImportAsync(org.Admin, table.Id, "name\nAda\nGrace\n");
        for (var i = 0; i < 4; i++)
        {
            await CreateTableAsync(org.Admin, project.Id);
        }

        await RefusedAsync(() => CreateTableAsync(org.Admin, project.Id), ErrorCodes.PlanLimit);
        Assert.That(await RowsOfAsync(table.Id), Is.EqualTo(2));

        await SendAsync(new DeleteDataTableCommand(table.Id), org.Admin);

        Assert.That(await RowsOfAsync(table.Id), Is.Zero);
        var again = await CreateTableAsync(org.Admin, project.Id);
        Assert.That(again.Id, Is.Not.EqualTo(table.Id));
    }

    [Test]
    public async Task Deleting_a_project_takes_its_tables_and_rows_and_frees_their_meter_units()
    {
        var org = await OrganizationAsync();
        var project = await SendAsync(new CreateProjectCommand("Leads", "outreach"), org.Admin);
        var table = await CreateTableAsync(org.Admin, project.Id, columns: ["name"]);
        await ImportAsync(org.Admin, table.Id, "name\nAda\n");
        for (var i = 0; i < 4; i++)
        {
            await CreateTableAsync(org.Admin, project.Id);
        }

        await SendAsync(new DeleteProjectCommand(project.Id), org.Admin);

        Assert.That(await CountAsync(db => db.DataTables.IgnoreQueryFilters().Where(t => t.ProjectId == project.Id)), Is.Zero);
        Assert.That(await RowsOfAsync(table.Id), Is.Zero);
        var next = await SendAsync(new CreateProjectCommand("Leads", "outreach"), org.Admin);
        for (var i = 0; i < 5; i++)
        {
            await CreateTableAsync(org.Admin, next.Id);
        }

        Assert.That(await CountAsync(db => db.DataTables.IgnoreQueryFilters().Where(t => t.ProjectId == next.Id)), Is.EqualTo(5), "all five units were free again");
    }

    [Test]
    public async Task Bad_names_and_columns_are_validation_errors_and_move_no_meter()
    {
        var org = await OrganizationAsync();
        var project = await SendAsync(new CreateProjectCommand("Leads", "outreach"), org.Admin);

        var noName = await InvalidAsync(() => CreateTableAsync(org.Admin, project.Id, string.Empty));
        var duplicate = await RefusedAsync(() => CreateTableAsync(org.Admin, project.Id, columns: ["email", " email"]), ErrorCodes.ValidationError);
        var blank = await InvalidAsync(() => CreateTableAsync(org.Admin, project.Id, columns: ["email", "  "]));
        var caseOnly = await CreateTableAsync(org.Admin, project.Id, columns: ["Email", "email"]);

        Assert.That(noName.Keys, Does.Contain("name"));
        Assert.That(duplicate.Message, Does.Contain("email"));
        Assert.That(((IReadOnlyDictionary<string, string[]>)duplicate.Extensions["errors"]!).Keys, Does.Contain("columns"));
        Assert.That(blank.Keys, Does.Contain("columns"));
        Assert.That(caseOnly.Columns, Is.EqualTo(new[] { "Email", "email" }), "names are case-sensitive");
        for (var i = 0; i < 4; i++)
        {
            await CreateTableAsync(org.Admin, project.Id);
        }

        Assert.That(await CountAsync(db => db.DataTables.IgnoreQueryFilters().Where(t => t.ProjectId == project.Id)), Is.EqualTo(5), "the refusals took no unit");
    }
}
