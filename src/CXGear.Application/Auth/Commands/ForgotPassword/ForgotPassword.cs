using CXGear.Application.Auth.Common;
using CXGear.Application.Common.Abstractions;
using FluentValidation;
using Mediator;

namespace CXGear.Application.Auth.Commands.ForgotPassword;

/// <summary>
/// Accepts a reset request and answers at once, account or not: the lookup and the mail happen in
/// background work (<see cref="IssuePasswordReset.IssuePasswordResetCommand"/>), so neither the body nor
/// the response time tells whether the email is registered.
/// </summary>
public sealed record ForgotPasswordCommand(string Email) : ICommand;

public sealed class ForgotPasswordHandler(IPasswordResetRequests requests) : ICommandHandler<ForgotPasswordCommand>
{
    public ValueTask<Unit> Handle(ForgotPasswordCommand command, CancellationToken cancellationToken)
    {
        requests.Enqueue(command.Email.Trim());
        return ValueTask.FromResult(Unit.Value);
    }
}

public sealed class ForgotPasswordValidator : AbstractValidator<ForgotPasswordCommand>
{
    public ForgotPasswordValidator() => RuleFor(x => x.Email).ValidEmail();
}
