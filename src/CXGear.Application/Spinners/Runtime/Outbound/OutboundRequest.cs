namespace CXGear.Application.Spinners.Runtime.Outbound;

/// <summary>A rendered api_call. A <c>Content-Type</c> in <see cref="Headers"/> types the body; otherwise JSON is assumed.</summary>
public sealed record OutboundRequest(string Method, Uri Url, string? Body, IReadOnlyDictionary<string, string> Headers);
