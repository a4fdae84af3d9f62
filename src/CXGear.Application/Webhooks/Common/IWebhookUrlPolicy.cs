namespace CXGear.Application.Webhooks.Common;

/// <summary>
/// The deployment's rule on an endpoint URL at save time (https, no private or loopback address, unless
/// <see cref="WebhookOptions.AllowPrivateNetworks"/>). No allow-list: customers choose their endpoints. The same
/// address rule is applied again at connect time by the sender, for names that resolve elsewhere later.
/// </summary>
public interface IWebhookUrlPolicy
{
    string? Problem(Uri url);
}
