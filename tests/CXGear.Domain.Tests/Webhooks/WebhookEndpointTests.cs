using CXGear.Domain.Common;
using CXGear.Domain.Webhooks;

namespace CXGear.Domain.Tests.Webhooks;

public sealed class WebhookEndpointTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private static WebhookEndpoint New() =>
        WebhookEndpoint.Create(Guid.NewGuid(), "https://crm.example.com/hooks", ["job.failed", "job.completed", "job.failed"], " CRM ", "p1", Guid.NewGuid(), Now);

    [Test]
    public void Events_are_kept_distinct_and_sorted_and_unknown_ones_are_refused()
    {
        var endpoint = New();

        Assert.That(endpoint.EventList, Is.EqualTo(new[] { "job.completed", "job.failed" }));
        Assert.That(endpoint.Description, Is.EqualTo("CRM"));
        var error = Assert.Throws<CXGearException>(() => endpoint.Change(null, ["job.done"], null, null, Guid.NewGuid(), Now));
        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.ValidationError));
    }

    [Test]
    public void The_previous_secret_signs_beside_the_new_one_for_24_hours_only()
    {
        var endpoint = New();
        endpoint.RotateSecret("p2", Guid.NewGuid(), Now);

        Assert.That(endpoint.SigningSecrets(Now.AddHours(23)), Is.EqualTo(new[] { "p2", "p1" }));
        Assert.That(endpoint.SigningSecrets(Now.AddHours(24)), Is.EqualTo(new[] { "p2" }));
    }

    [Test]
    public void Failing_continuously_for_the_window_disables_it_with_a_reason_and_a_success_in_between_starts_over()
    {
        var endpoint = New();
        var window = TimeSpan.FromDays(5);

        Assert.That(endpoint.DeliveryFailed("HTTP 500", window, Now), Is.False);
        endpoint.DeliverySucceeded();
        Assert.That(endpoint.DeliveryFailed("HTTP 500", window, Now.AddDays(4)), Is.False);
        Assert.That(endpoint.DeliveryFailed("HTTP 500", window, Now.AddDays(8.9)), Is.False, "failing since day 4 only");
        Assert.That(endpoint.DeliveryFailed("HTTP 503", window, Now.AddDays(9)), Is.True);

        Assert.That(endpoint.Enabled, Is.False);
        Assert.That(endpoint.DisabledReason, Does.Contain("5 days").And.Contain("HTTP 503"));
        endpoint.Change(null, null, null, true, Guid.NewGuid(), Now.AddDays(10));
        Assert.That((endpoint.Enabled, endpoint.DisabledReason, endpoint.FailingSince), Is.EqualTo((true, (string?)null, (DateTime?)null)));
    }
}
