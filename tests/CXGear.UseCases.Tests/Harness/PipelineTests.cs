using CXGear.Application.ApiKeys.Queries.ListApiKeys;
using CXGear.Application.Admin.Queries.ListOrganizations;
using CXGear.Application.Projects.Commands.CreateProject;
using CXGear.Application.Projects.Queries.ListProjects;
using CXGear.Domain.Common;

namespace CXGear.UseCases.Tests.Harness;

/// <summary>The harness sends through the API's own pipeline: the caller it sets is the one authorization judges.</summary>
public sealed class PipelineTests : UseCaseTestBase
{
    [Test]
    public async Task Authorization_runs_before_validation_and_validation_before_the_handler()
    {
        var org = await OrganizationAsync();
        var nobody = await MemberAsync(org.Id);
        var invalid = new CreateProjectCommand(string.Empty, "webinar");

        await RefusedAsync(() => SendAsync(invalid, Caller.Anonymous), ErrorCodes.Unauthenticated);
        await RefusedAsync(() => SendAsync(invalid, nobody), ErrorCodes.Forbidden);
        var errors = await InvalidAsync(() => SendAsync(invalid, org.Admin));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "name", "type" }));
        Assert.That(await CountAsync(db => db.Projects), Is.Zero, "nothing reached the handler");
    }

    [Test]
    public async Task Each_kind_of_caller_is_judged_as_its_credential()
    {
        var org = await OrganizationAsync();
        var key = Caller.ApiKey(org.Id, Guid.NewGuid(), "ingest");
        var operatorAccount = Caller.Operator(Guid.NewGuid());

        var keyOnUserRoute = await RefusedAsync(() => SendAsync(new ListProjectsQuery(), key), ErrorCodes.ApiKeyNotAllowed);
        var operatorOnUserRoute = await RefusedAsync(() => SendAsync(new ListApiKeysQuery(), operatorAccount), ErrorCodes.Forbidden);
        var memberOnAdminRoute = await RefusedAsync(() => SendAsync(new ListOrganizationsQuery(null, null), org.Admin), ErrorCodes.Forbidden);
        var listed = await SendAsync(new ListOrganizationsQuery(null, null), operatorAccount);

        Assert.That(keyOnUserRoute.Message, Does.Contain("API keys cannot call this route"));
        Assert.That(operatorOnUserRoute.Message, Does.Contain("Operator accounts cannot use organization routes"));
        Assert.That(memberOnAdminRoute.Message, Does.Contain("Only platform operators"));
        Assert.That(listed.Items.Select(o => o.Id), Does.Contain(org.Id));
    }
}
