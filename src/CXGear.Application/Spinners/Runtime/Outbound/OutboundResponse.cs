namespace CXGear.Application.Spinners.Runtime.Outbound;

/// <summary>The final response. <see cref="Body"/> holds at most the configured cap; <see cref="Truncated"/> says whether more was cut.</summary>
public sealed record OutboundResponse(int Status, string Body, string? ContentType, bool Truncated)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
