using System.Reflection;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore.Storage;
using NetArchTest.Rules;

namespace CXGear.ArchitectureTests;

/// <summary>
/// The slice conventions of docs/architecture.md, checked: where a use case lives, what its types are called, what
/// each message declares, and what a handler may not do (open a transaction, count meters).
/// </summary>
public sealed class UseCaseConventionTests
{
    private static readonly Type[] AccessMarkers =
    [
        typeof(IAllowAnonymous), typeof(IRequireSignedIn), typeof(IRequireUser), typeof(IRequirePermission),
        typeof(IRequireOperator), typeof(IRequireScope), typeof(IRequireIngestToken),
    ];

    private static IEnumerable<Type> Messages() =>
        Layers.Application.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t));

    private static IEnumerable<Type> Handlers() =>
        Layers.Application.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(IsHandlerInterface));

    private static bool IsHandlerInterface(Type i) =>
        i.IsGenericType && i.GetGenericTypeDefinition() is var d
        && (d == typeof(ICommandHandler<,>) || d == typeof(IQueryHandler<,>) || d == typeof(ICommandHandler<>));

    private static Type MessageOf(Type handler) => handler.GetInterfaces().First(IsHandlerInterface).GetGenericArguments()[0];

    /// <summary>The use case's name: the message's without its Command or Query suffix.</summary>
    private static string UseCaseOf(Type message) =>
        message.Name.EndsWith("Command", StringComparison.Ordinal) ? message.Name[..^"Command".Length] : message.Name[..^"Query".Length];

    [Test]
    public void Every_message_declares_exactly_one_access_marker()
    {
        var offenders = Messages()
            .Select(m => (m.Name, Markers: AccessMarkers.Where(k => k.IsAssignableFrom(m)).ToList()))
            .Select(x => (x.Name, Declared: x.Markers.Where(k => !x.Markers.Any(o => o != k && k.IsAssignableFrom(o))).ToList()))
            .Where(x => x.Declared.Count != 1)
            .Select(x => $"{x.Name}: {(x.Declared.Count == 0 ? "none" : string.Join(", ", x.Declared.Select(d => d.Name)))}")
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Messages().Count(), Is.GreaterThan(50), "the scan must cover the use cases");
            Assert.That(offenders, Is.Empty);
        }
    }

    [Test]
    public void Messages_are_commands_or_queries_named_for_what_they_do()
    {
        var offenders = Messages()
            .Where(m => typeof(IBaseCommand).IsAssignableFrom(m) ? !m.Name.EndsWith("Command", StringComparison.Ordinal) : !m.Name.EndsWith("Query", StringComparison.Ordinal))
            .Select(m => m.Name)
            .ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Queries_that_return_pages_or_lists_are_named_List_and_single_reads_Get()
    {
        var offenders = Messages()
            .Where(m => !typeof(IBaseCommand).IsAssignableFrom(m))
            .Select(m => (m.Name, Response: m.GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQuery<>)).GetGenericArguments()[0]))
            .Where(x => ReturnsMany(x.Response) ? !x.Name.StartsWith("List", StringComparison.Ordinal) : !x.Name.StartsWith("Get", StringComparison.Ordinal))
            .Select(x => $"{x.Name} returns {x.Response.Name}")
            .ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Each_use_case_lives_in_its_own_folder_under_Commands_or_Queries_with_its_handler_and_validator()
    {
        var offenders = new List<string>();
        foreach (var message in Messages())
        {
            var kind = typeof(IBaseCommand).IsAssignableFrom(message) ? "Commands" : "Queries";
            var useCase = UseCaseOf(message);
            var segments = message.Namespace!.Split('.');
            if (segments.Length != 5 || segments[3] != kind || segments[4] != useCase)
            {
                offenders.Add($"{message.FullName}: expected CXGear.Application.<Feature>.{kind}.{useCase}");
            }
        }

        foreach (var handler in Handlers())
        {
            var message = MessageOf(handler);
            if (handler.Name != UseCaseOf(message) + "Handler" || handler.Namespace != message.Namespace)
            {
                offenders.Add($"{handler.FullName}: expected {message.Namespace}.{UseCaseOf(message)}Handler");
            }
        }

        foreach (var validator in Validators())
        {
            var message = validator.BaseType!.GetGenericArguments()[0];
            if (validator.Name != UseCaseOf(message) + "Validator" || validator.Namespace != message.Namespace)
            {
                offenders.Add($"{validator.FullName}: expected {message.Namespace}.{UseCaseOf(message)}Validator");
            }
        }

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Every_message_has_exactly_one_handler()
    {
        var handled = Handlers().Select(MessageOf).GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        var offenders = Messages().Where(m => handled.GetValueOrDefault(m) != 1).Select(m => m.Name).ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void No_handler_opens_a_transaction_or_counts_a_meter()
    {
        var result = Types.InAssembly(Layers.Application)
            .That().HaveNameEndingWith("Handler")
            .ShouldNot().HaveDependencyOnAny(
                typeof(UnitOfWork).FullName!,
                typeof(IDbContextTransaction).FullName!,
                "CXGear.Infrastructure.Billing.UsageMeters")
            .GetResult();

        Assert.That((result.FailingTypes ?? []).Select(t => t.FullName), Is.Empty, "the unit-of-work behavior owns transactions and meters");
    }

    [Test]
    public void The_transaction_rule_sees_a_type_that_does_open_one()
    {
        var result = Types.InAssembly(Layers.Application)
            .That().HaveNameStartingWith("JobExecution")
            .ShouldNot().HaveDependencyOnAny(typeof(UnitOfWork).FullName!)
            .GetResult();

        Assert.That(result.IsSuccessful, Is.False, "the runtime's own batches run through UnitOfWork, so the checker must see that dependency");
    }

    private static IEnumerable<Type> Validators() =>
        Layers.Application.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, BaseType.IsGenericType: true }
            && t.BaseType.GetGenericTypeDefinition() == typeof(FluentValidation.AbstractValidator<>)
            && typeof(IMessage).IsAssignableFrom(t.BaseType.GetGenericArguments()[0]));

    /// <summary>A page, a collection, or an <c>{items: [...]}</c> wrapper of a list that is never paged (the vault).</summary>
    private static bool ReturnsMany(Type response) =>
        response != typeof(string) && (response.Name.StartsWith("PagedResult", StringComparison.Ordinal)
            || IsCollection(response)
            || response.GetProperty("Items") is { } items && IsCollection(items.PropertyType));

    private static bool IsCollection(Type type) =>
        type != typeof(string) && (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)));
}
