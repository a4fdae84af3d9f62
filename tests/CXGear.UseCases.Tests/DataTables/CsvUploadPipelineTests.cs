using CXGear.Application.Common.Abstractions;
using CXGear.Application.DataTables.Commands.AppendCsv;
using CXGear.Application.DataTables.Commands.CreateDataTable;
using CXGear.Application.DataTables.Commands.ImportCsv;
using CXGear.Application.Projects.Commands.CreateProject;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.UseCases.Tests.Harness;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CXGear.UseCases.Tests.DataTables;

/// <summary>
/// Where the pipeline receives a CSV upload (docs/decisions/0024-upload-spool.md): after authorization, and before the
/// unit of work takes the write turn. The HTTP proof (a held upload stalls no other tenant) is in Api.Tests.
/// </summary>
public sealed class CsvUploadPipelineTests : UseCaseTestBase
{
    [Test]
    public async Task A_caller_who_may_not_import_is_refused_before_the_upload_is_received()
    {
        var org = await OrganizationAsync();
        var table = await TableAsync(org.Admin);
        var reader = await MemberWithAsync(org.Id, Permissions.ProjectsRead);
        var upload = new InMemoryUpload("name\nAda\n");

        await RefusedAsync(() => SendAsync(new ImportCsvCommand(table, upload, false), reader), ErrorCodes.Forbidden);

        Assert.That(upload.Received, Is.False);
    }

    [Test]
    public async Task Import_and_append_receive_their_upload_while_the_write_turn_is_free()
    {
        var org = await OrganizationAsync();
        var table = await TableAsync(org.Admin);
        var import = new InMemoryUpload("name\nAda\n", AssertWriteTurnFreeAsync);
        var append = new InMemoryUpload("name\nGrace\n", AssertWriteTurnFreeAsync);

        var imported = await SendAsync(new ImportCsvCommand(table, import, false), org.Admin);
        var appended = await SendAsync(new AppendCsvCommand(table, append), org.Admin);

        Assert.That((imported.Inserted, appended.Inserted), Is.EqualTo((1L, 1L)));
        Assert.That(await CountAsync(db => db.DataRows.IgnoreQueryFilters().Where(r => r.DataTableId == table)), Is.EqualTo(2));
    }

    private async Task<Guid> TableAsync(Caller admin)
    {
        var project = await SendAsync(new CreateProjectCommand("Leads", "outreach"), admin);
        return (await SendAsync(new CreateDataTableCommand(project.Id, "Contacts", null), admin)).Id;
    }

    /// <summary>
    /// Another writer takes the turn and lets it go: it could not, were the upload received inside the unit of work
    /// (the wait would end only at the guard, failing the test).
    /// </summary>
    private Task AssertWriteTurnFreeAsync() =>
        Host.InScopeAsync(async services =>
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var turn = await services.GetRequiredService<IApplicationDbContext>().EnterWriteTurnAsync(guard.Token);
            return true;
        });
}
