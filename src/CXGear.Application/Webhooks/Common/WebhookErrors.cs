using CXGear.Domain.Common;

namespace CXGear.Application.Webhooks.Common;

internal static class WebhookErrors
{
    /// <summary>Also the answer for another organization's endpoint.</summary>
    public static CXGearException EndpointNotFound(Guid id) => new(ErrorCodes.NotFound, $"Webhook endpoint {id} was not found.");

    public static CXGearException DeliveryNotFound(Guid id) => new(ErrorCodes.NotFound, $"Webhook delivery {id} was not found.");

    public static CXGearException Invalid(string field, string message)
    {
        var error = new CXGearException(ErrorCodes.ValidationError, message);
        error.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return error;
    }
}
