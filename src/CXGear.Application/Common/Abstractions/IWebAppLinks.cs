namespace CXGear.Application.Common.Abstractions;

/// <summary>Builds links into the web app for emails.</summary>
public interface IWebAppLinks
{
    string ResetPassword(string email, string token);
}
