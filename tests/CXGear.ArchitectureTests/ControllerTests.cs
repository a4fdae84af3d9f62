using CXGear.Application.Common.Abstractions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetArchTest.Rules;

namespace CXGear.ArchitectureTests;

public sealed class ControllerTests
{
    [Test]
    public void Controllers_take_no_db_context_or_infrastructure_in_their_constructors()
    {
        var controllers = ControllerConstructors.ControllersIn(Layers.Api);
        var offenders = controllers.SelectMany(ControllerConstructors.ForbiddenParameters).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(controllers.Select(c => c.Name), Is.SupersetOf(new[] { "AuthController", "MeController" }), "the scan must find the controllers");
            Assert.That(offenders, Is.Empty, "controllers stay thin (send messages, no data access): " + string.Join(", ", offenders));
        }
    }

    [Test]
    public void Controllers_do_not_use_entity_framework_or_infrastructure_at_all()
    {
        var result = Types.InAssembly(Layers.Api)
            .That().Inherit(typeof(ControllerBase))
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "CXGear.Infrastructure")
            .GetResult();

        var offenders = (result.FailingTypes ?? []).Select(t => t.FullName);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.SelectedTypesForTesting?.Select(t => t.Name), Is.SupersetOf(new[] { "AuthController", "MeController" }));
            Assert.That(result.IsSuccessful, Is.True, "offending controllers: " + string.Join(", ", offenders));
        }
    }

    [Test]
    public void The_scan_flags_a_controller_that_takes_a_db_context()
    {
        var offenders = ControllerConstructors.ForbiddenParameters(typeof(LeakyController)).ToList();

        Assert.That(offenders, Is.EquivalentTo(new[]
        {
            "LeakyController(DbContext db)",
            "LeakyController(IApplicationDbContext unitOfWork)",
            "LeakyController(IOptions`1 options)",
        }));
    }

    [Test]
    public void The_scan_accepts_a_controller_that_takes_a_sender()
    {
        Assert.That(ControllerConstructors.ForbiddenParameters(typeof(ThinController)), Is.Empty);
    }

    private sealed class LeakyController(DbContext db, IApplicationDbContext unitOfWork, IOptions<DbContextOptions> options, string name) : ControllerBase
    {
        public override string ToString() => $"{db}{unitOfWork}{options}{name}";
    }

    private sealed class ThinController(Mediator.ISender sender, TimeProvider clock) : ControllerBase
    {
        public override string ToString() => $"{sender}{clock}";
    }
}
