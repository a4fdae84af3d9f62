using CXGear.Application.Auth.Commands.Refresh;
using CXGear.Application.Projects.Queries.GetProject;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.ArchitectureTests;

/// <summary>
/// Actions bind a <c>…Request</c> record (or route and query values) and build the command or query themselves: a
/// message bound straight from the request would put its pipeline markers and computed members in the contract and
/// let a client set what only the server decides.
/// </summary>
public sealed class ControllerRequestTests
{
    [Test]
    public void No_action_binds_a_command_or_query_from_the_request()
    {
        var controllers = ControllerConstructors.ControllersIn(Layers.Api);
        var actions = controllers.SelectMany(c => ControllerActions.Of(c).Select(a => $"{c.Name}.{a.Name}")).ToList();
        var offenders = controllers.SelectMany(ControllerActions.MessageParameters).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(actions, Is.SupersetOf(new[] { "AuthController.Login", "PublicController.Ingest", "ProjectsController.Create" }), "the scan must find the actions");
            Assert.That(offenders, Is.Empty, "bind a …Request record declared beside the controller and build the message in the action: " + string.Join(", ", offenders));
        }
    }

    [Test]
    public void The_scan_flags_a_command_or_query_parameter()
    {
        Assert.That(ControllerActions.MessageParameters(typeof(BindsMessagesController)), Is.EquivalentTo(new[]
        {
            "BindsMessagesController.Refresh(RefreshCommand command)",
            "BindsMessagesController.Get(GetProjectQuery query)",
            "BindsMessagesController.RefreshMany(RefreshCommand[] commands)",
        }));
    }

    [Test]
    public void The_scan_accepts_request_records_and_skips_non_actions()
    {
        Assert.That(ControllerActions.MessageParameters(typeof(BindsRequestsController)), Is.Empty);
    }

    private sealed class BindsMessagesController : ControllerBase
    {
        public IActionResult Refresh(RefreshCommand command, CancellationToken cancellationToken) => Ok(command);

        public IActionResult Get(GetProjectQuery query) => Ok(query);

        public IActionResult RefreshMany(RefreshCommand[] commands) => Ok(commands);
    }

    private sealed class BindsRequestsController : ControllerBase
    {
        public IActionResult Refresh(RefreshBody request, Guid id, CancellationToken cancellationToken) => Ok(new RefreshCommand(request.RefreshToken + id));

        [NonAction]
        public IActionResult Send(RefreshCommand command) => Ok(command);
    }

    private sealed record RefreshBody(string RefreshToken);
}
