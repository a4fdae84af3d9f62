namespace CXGear.Application.Common.Abstractions;

/// <summary>Facts about the calling client that sessions record.</summary>
public interface IClientInfo
{
    string IpAddress { get; }
    string? UserAgent { get; }
}
