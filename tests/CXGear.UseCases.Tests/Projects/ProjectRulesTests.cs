using CXGear.Application.Projects.Commands.CreateProject;
using CXGear.Application.Projects.Commands.DeleteProject;
using CXGear.Application.Projects.Commands.UpdateProject;
using CXGear.Application.Projects.Queries.GetProject;
using CXGear.Application.Projects.Queries.ListProjects;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using CXGear.Domain.Organizations;
using CXGear.UseCases.Tests.Harness;
using Microsoft.EntityFrameworkCore;

namespace CXGear.UseCases.Tests.Projects;

/// <summary>
/// The projects use cases' rules: meters, the fixed type, listing, permissions. The routes' happy path, the
/// PLAN_LIMIT, VALIDATION_ERROR and FORBIDDEN mapping and the cross-organization 404 stay in Api.Tests (ProjectsTests).
/// </summary>
public sealed class ProjectRulesTests : UseCaseTestBase
{
    private Task<Application.Projects.Common.ProjectDto> CreateAsync(Caller caller, string name = "Spring campaign", string type = "outreach") =>
        SendAsync(new CreateProjectCommand(name, type), caller);

    [Test]
    public async Task Deleting_a_project_frees_its_place_on_the_meter()
    {
        var org = await OrganizationAsync();
        var first = await CreateAsync(org.Admin);
        await RefusedAsync(() => CreateAsync(org.Admin), ErrorCodes.PlanLimit);

        await SendAsync(new DeleteProjectCommand(first.Id), org.Admin);

        var again = await CreateAsync(org.Admin);
        Assert.That(again.Id, Is.Not.EqualTo(first.Id));
    }

    [Test]
    public async Task A_rejected_project_moves_no_meter()
    {
        var org = await OrganizationAsync();

        await InvalidAsync(() => CreateAsync(org.Admin, name: string.Empty));

        var created = await CreateAsync(org.Admin);
        Assert.That(created.Name, Is.EqualTo("Spring campaign"), "the one Trial project is still available");
    }

    [Test]
    public async Task The_type_of_a_project_cannot_change()
    {
        var org = await OrganizationAsync();
        var project = await CreateAsync(org.Admin);

        var errors = await InvalidAsync(() => SendAsync(new UpdateProjectCommand(project.Id, null, "call_analyzer"), org.Admin));

        Assert.That(errors.Keys, Does.Contain("type"));
        Assert.That((await SendAsync(new GetProjectQuery(project.Id), org.Admin)).Type, Is.EqualTo("outreach"));
    }

    [Test]
    public async Task Reading_needs_projects_read_and_writing_needs_projects_write()
    {
        var org = await OrganizationAsync();
        var project = await CreateAsync(org.Admin);
        var agent = await MemberAsync(org.Id, SystemRoles.AgentId);

        var list = await SendAsync(new ListProjectsQuery(), agent);
        var read = await SendAsync(new GetProjectQuery(project.Id), agent);
        var denied = await RefusedAsync(() => CreateAsync(agent), ErrorCodes.Forbidden);
        await RefusedAsync(() => SendAsync(new UpdateProjectCommand(project.Id, "x", null), agent), ErrorCodes.Forbidden);
        await RefusedAsync(() => SendAsync(new DeleteProjectCommand(project.Id), agent), ErrorCodes.Forbidden);

        Assert.That(list.Total, Is.EqualTo(1), "Agents hold projects.read");
        Assert.That(read.Id, Is.EqualTo(project.Id));
        Assert.That(denied.Extensions["permission"], Is.EqualTo("projects.write"));
        Assert.That(denied.Message, Does.Contain("projects.write"));
    }

    [Test]
    public async Task Lists_page_filter_by_type_and_search_by_name()
    {
        var org = await OrganizationAsync(PlanId.Pro);
        await CreateAsync(org.Admin, "North outreach");
        Advance(TimeSpan.FromSeconds(1));
        await CreateAsync(org.Admin, "South calls", "call_analyzer");
        Advance(TimeSpan.FromSeconds(1));
        await CreateAsync(org.Admin, "NORTH calls", "call_analyzer");

        var secondPage = await SendAsync(new ListProjectsQuery(Page: 2, PageSize: 2), org.Admin);
        var analyzers = await SendAsync(new ListProjectsQuery(Type: "call_analyzer"), org.Admin);
        var north = await SendAsync(new ListProjectsQuery(Search: "north"), org.Admin);

        Assert.That(secondPage.Total, Is.EqualTo(3));
        Assert.That(secondPage.Items.Select(i => i.Name), Is.EqualTo(new[] { "North outreach" }), "newest first");
        Assert.That(analyzers.Total, Is.EqualTo(2));
        Assert.That(north.Items.Select(i => i.Name), Is.EquivalentTo(new[] { "North outreach", "NORTH calls" }));
        Assert.That(await CountAsync(db => db.Projects.IgnoreQueryFilters()), Is.GreaterThanOrEqualTo(3));
    }
}
