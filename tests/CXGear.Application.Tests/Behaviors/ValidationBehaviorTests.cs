using CXGear.Application.Common.Behaviors;
using CXGear.Application.Common.Exceptions;
using CXGear.Domain.Common;
using FluentValidation;
using Mediator;

namespace CXGear.Application.Tests.Behaviors;

public sealed class ValidationBehaviorTests
{
    private int _nextCalls;

    [SetUp]
    public void ResetCalls() => _nextCalls = 0;

    [Test]
    public async Task A_valid_message_goes_to_the_handler_once()
    {
        var behavior = Behavior(new PingValidator());

        var response = await behavior.Handle(new Ping("Ada", []), Next, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response, Is.EqualTo("pong Ada"));
            Assert.That(_nextCalls, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_message_without_validators_goes_to_the_handler_once()
    {
        var response = await Behavior().Handle(new Ping("", []), Next, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response, Is.EqualTo("pong "));
            Assert.That(_nextCalls, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task An_invalid_message_fails_with_camel_case_paths_and_never_reaches_the_handler()
    {
        var behavior = Behavior(new PingValidator());
        var ping = new Ping("", [new Line("ok"), new Line("")]);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(async () => await behavior.Handle(ping, Next, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Code, Is.EqualTo(ErrorCodes.ValidationError));
            Assert.That(error.Errors.Keys, Is.EquivalentTo(new[] { "name", "lines[1].phone" }));
            Assert.That(error.Errors["name"], Is.EqualTo(new[] { "Name is required." }));
            Assert.That(error.Extensions["errors"], Is.SameAs(error.Errors));
            Assert.That(error.Message, Is.EqualTo("Name is required."));
            Assert.That(_nextCalls, Is.Zero);
        }
    }

    [Test]
    public async Task Failures_of_every_validator_are_merged_per_field()
    {
        var extra = new InlineValidator<Ping>();
        extra.RuleFor(p => p.Name).Must(n => n.Length > 3).WithMessage("Name is too short.");
        extra.RuleFor(p => p.Name).NotEmpty().WithMessage("Name is required.");
        var behavior = Behavior(new PingValidator(), extra);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(async () => await behavior.Handle(new Ping("", []), Next, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Errors.Keys, Is.EqualTo(new[] { "name" }));
            Assert.That(error.Errors["name"], Is.EqualTo(new[] { "Name is required.", "Name is too short." }));
            Assert.That(_nextCalls, Is.Zero);
        }
    }

    private static ValidationBehavior<Ping, string> Behavior(params IValidator<Ping>[] validators) => new(validators.ToList());

    private ValueTask<string> Next(Ping message, CancellationToken cancellationToken)
    {
        _nextCalls++;
        return ValueTask.FromResult("pong " + message.Name);
    }

    public sealed record Line(string Phone);

    public sealed record Ping(string Name, IReadOnlyList<Line> Lines) : ICommand<string>;

    private sealed class PingValidator : AbstractValidator<Ping>
    {
        public PingValidator()
        {
            RuleFor(p => p.Name).NotEmpty().WithMessage("Name is required.");
            RuleForEach(p => p.Lines).ChildRules(line => line.RuleFor(l => l.Phone).NotEmpty().WithMessage("Phone is required."));
        }
    }
}
