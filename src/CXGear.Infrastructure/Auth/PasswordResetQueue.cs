using System.Threading.Channels;
using CXGear.Application.Auth.Commands.IssuePasswordReset;
using CXGear.Application.Common.Abstractions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CXGear.Infrastructure.Auth;

/// <summary>
/// In-process queue of forgot-password requests. Bounded, dropping the newest when full, so a flood of
/// requests cannot exhaust memory; a dropped request is the same as an unanswered mail the user can retry.
/// </summary>
internal sealed class PasswordResetQueue : IPasswordResetRequests
{
    private readonly Channel<string> _channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public ChannelReader<string> Reader => _channel.Reader;

    public void Enqueue(string email) => _channel.Writer.TryWrite(email);
}

internal sealed partial class PasswordResetWorker(PasswordResetQueue queue, IServiceScopeFactory scopes, ILogger<PasswordResetWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var email in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sender = scope.ServiceProvider.GetRequiredService<ISender>();
                if (await sender.Send(new IssuePasswordResetCommand(email), stoppingToken) is { } mail)
                {
                    await scope.ServiceProvider.GetRequiredService<IEmailSender>().SendAsync(mail, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The address is personal data and stays out of the log.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Issuing a password reset failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
