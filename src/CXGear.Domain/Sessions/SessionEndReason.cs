namespace CXGear.Domain.Sessions;

/// <summary>Why a session ended. Stored, shown to operators, and mapped to the 401 the client sees.</summary>
public enum SessionEndReason
{
    Expired = 0,
    LoggedOut = 1,
    Replaced = 2,
    PasswordReset = 3,
    PasswordChanged = 4,
    UserDisabled = 5,
    AdminAction = 6,
    RefreshTokenReused = 7,
}
