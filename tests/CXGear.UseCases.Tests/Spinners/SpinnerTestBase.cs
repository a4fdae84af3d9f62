using System.Text.Json;
using CXGear.Application.DataTables.Commands.CreateDataTable;
using CXGear.Application.Projects.Commands.CreateProject;
using CXGear.Application.Spinners.Commands.CreateSpinner;
using CXGear.Application.Spinners.Commands.PublishSpinner;
using CXGear.Application.Billing.Queries.GetBilling;
using CXGear.UseCases.Tests.Harness;

namespace CXGear.UseCases.Tests.Spinners;

/// <summary>Arranges spinners through the use cases: a project, a table over it, draft spinners, publishes.</summary>
public abstract class SpinnerTestBase : UseCaseTestBase
{
    /// <summary>A log step then a tag: the contract's own example.</summary>
    protected const string LogThenTag =
        """{"steps":[{"id":"s1","type":"log","message":"Hi {{name}}","next":"s2"},{"id":"s2","type":"tag","disposition":"Contacted"}]}""";

    protected sealed record Arranged(Caller Admin, Guid ProjectId, Guid TableId, Guid SpinnerId);

    /// <summary>An admin with one project, one table (name, phone) and one draft main spinner over it.</summary>
    protected async Task<Arranged> ArrangeSpinnerAsync()
    {
        var org = await OrganizationAsync();
        var project = await SendAsync(new CreateProjectCommand("Leads", "outreach"), org.Admin);
        var table = await SendAsync(new CreateDataTableCommand(project.Id, "Contacts", ["name", "phone"]), org.Admin);
        var spinner = await CreateSpinnerAsync(org.Admin, project.Id, table.Id);
        return new Arranged(org.Admin, project.Id, table.Id, spinner);
    }

    protected async Task<Guid> CreateSpinnerAsync(Caller admin, Guid projectId, Guid tableId, string name = "Outreach", Guid? parentSpinnerId = null, StartWhenInput? startWhen = null)
    {
        using var definition = JsonDocument.Parse(LogThenTag);
        var spinner = await SendAsync(new CreateSpinnerCommand(projectId, name, tableId, definition.RootElement.Clone(), parentSpinnerId, startWhen), admin);
        return spinner.Id;
    }

    protected async Task<int> PublishAsync(Caller admin, Guid spinnerId) =>
        (await SendAsync(new PublishSpinnerCommand(spinnerId), admin)).Version;

    protected async Task<(long Used, long? Limit)> SpinnersMeterAsync(Caller admin)
    {
        var meter = (await SendAsync(new GetBillingQuery(), admin)).Meters.Single(m => m.Meter == "spinners");
        return (meter.Used, meter.Limit);
    }
}
