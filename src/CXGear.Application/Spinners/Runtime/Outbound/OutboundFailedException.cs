namespace CXGear.Application.Spinners.Runtime.Outbound;

/// <summary>No response came back after the retries (timeout, connection refused, reset). The message is safe to show in a journey.</summary>
public sealed class OutboundFailedException(string message, Exception? inner = null) : Exception(message, inner);
