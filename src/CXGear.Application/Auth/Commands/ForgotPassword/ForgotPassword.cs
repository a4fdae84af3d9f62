using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using Mediator;

namespace CXGear.Application.Auth.Commands.ForgotPassword;

/// <summary>
/// Asks for a password reset mail. Answered at once, account or not, so neither the body nor the response time
/// tells whether the email is registered.
/// </summary>
/// <remarks>
/// The lookup and the mail happen in background work (<see cref="IssuePasswordReset.IssuePasswordResetCommand"/>).
/// </remarks>
public sealed record ForgotPasswordCommand(string Email) : ICommand, IAllowAnonymous;

public sealed class ForgotPasswordHandler(IPasswordResetRequests requests) : ICommandHandler<ForgotPasswordCommand>
{
    public ValueTask<Unit> Handle(ForgotPasswordCommand command, CancellationToken cancellationToken)
    {
        requests.Enqueue(command.Email.Trim());
        return ValueTask.FromResult(Unit.Value);
    }
}
