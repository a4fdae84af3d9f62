namespace CXGear.Application.Spinners.Runtime.Outbound;

/// <summary>The destination is not allowed (host off the allow-list, or a private/loopback address). Never retried.</summary>
public sealed class OutboundRefusedException(string message) : Exception(message);
