namespace CXGear.Domain.Users;

public enum UserStatus
{
    Active = 0,
    Disabled = 1,
}
