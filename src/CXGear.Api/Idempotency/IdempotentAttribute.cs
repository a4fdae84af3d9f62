using Microsoft.AspNetCore.Mvc.Filters;

namespace CXGear.Api.Idempotency;

/// <summary>
/// Honors the <c>Idempotency-Key</c> header on this action (docs/api.md#idempotency-key): same key and request within 24 hours →
/// the first response replayed with <c>Idempotency-Replayed: true</c>, the action not run again; same key, other
/// request → 422 IDEMPOTENCY_KEY_REUSED; first still running → 409 IDEMPOTENCY_IN_PROGRESS. No header → runs as usual.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = true)]
public sealed class IdempotentAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    /// <summary>
    /// After the framework's body-size filters (<c>[RequestSizeLimit]</c> runs at 900): the body is read here to
    /// fingerprint the request, and a limit set after reading has begun would be ignored.
    /// </summary>
    public int Order => 1000;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => serviceProvider.GetRequiredService<IdempotencyFilter>();
}
