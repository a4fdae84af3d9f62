namespace CXGear.Api.Idempotency;

/// <summary>
/// The credential an Idempotency-Key belongs to, for credentials that are not on the principal: whatever
/// authenticates such a request (the <c>cxgt_</c> token route) sets it before the action's filters run, e.g.
/// <c>HttpContext.Features.Set(new IdempotencyScopeFeature(IdempotencyKeys.WebhookScope(tableId)))</c>.
/// An API key's scope comes from the principal without it.
/// </summary>
public sealed record IdempotencyScopeFeature(string Scope);
