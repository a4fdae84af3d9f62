namespace CXGear.Application.Common.Abstractions;

/// <summary>
/// Hands a forgot-password request to background work, so the HTTP response takes the same time
/// whether or not the email belongs to an account.
/// </summary>
public interface IPasswordResetRequests
{
    void Enqueue(string email);
}
