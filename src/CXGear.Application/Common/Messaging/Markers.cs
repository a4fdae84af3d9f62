namespace CXGear.Application.Common.Messaging;

/// <summary>The message needs a signed-in user (a JWT with a live session); API keys are refused.</summary>
public interface IRequireUser;

/// <summary>The message needs the caller to hold a permission key (implies <see cref="IRequireUser"/>).</summary>
public interface IRequirePermission : IRequireUser
{
    string Permission { get; }
}
