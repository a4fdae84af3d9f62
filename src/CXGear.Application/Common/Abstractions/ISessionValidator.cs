using CXGear.Domain.Sessions;

namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// The check every JWT-authenticated request makes: is the session behind <c>sid</c> still live?
/// It also records activity, at most once a minute per session.
/// </summary>
public interface ISessionValidator
{
    Task<SessionState> ValidateAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken);
}
