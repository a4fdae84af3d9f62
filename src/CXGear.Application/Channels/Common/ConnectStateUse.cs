using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Persistence;
using CXGear.Domain.Channels;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Channels.Common;

/// <summary>
/// Spends a connect state once: a conditional <c>UPDATE … WHERE UsedAt IS NULL</c> inside the callback's transaction,
/// so of two callbacks racing with one state exactly one connects; the other is refused with <c>STATE_USED</c> and
/// rolls back everything it staged.
/// </summary>
public sealed class ConnectStateUse(IApplicationDbContext db, UnitOfWork unitOfWork)
{
    public Task StageAsync(Guid stateId, DateTime now, CancellationToken cancellationToken) =>
        unitOfWork.WriteAsync(
            async ct =>
            {
                var spent = await db.ChannelConnectStates.IgnoreQueryFilters()
                    .Where(s => s.Id == stateId && s.UsedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedAt, now), ct);
                if (spent == 0)
                {
                    throw ConnectionRefused.Error(ConnectionRefused.StateUsed, "This connection link was already used; start again from the integrations page.");
                }
            },
            cancellationToken);
}
