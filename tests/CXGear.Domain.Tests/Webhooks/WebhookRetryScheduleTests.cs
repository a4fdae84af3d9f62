using CXGear.Domain.Webhooks;

namespace CXGear.Domain.Tests.Webhooks;

public sealed class WebhookRetryScheduleTests
{
    private static readonly DateTime Created = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    [Test]
    public void Delays_double_from_one_minute_and_stop_growing_at_twelve_hours()
    {
        var delays = Enumerable.Range(1, 12).Select(WebhookRetrySchedule.BaseDelay).ToArray();

        Assert.That(delays[..4], Is.EqualTo(new[] { TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8) }));
        Assert.That(delays[10], Is.EqualTo(TimeSpan.FromHours(12)));
        Assert.That(delays[11], Is.EqualTo(TimeSpan.FromHours(12)));
    }

    [TestCase(0.0, 48)]
    [TestCase(0.5, 60)]
    [TestCase(0.9999, 72)]
    public void Jitter_moves_a_delay_by_at_most_twenty_percent(double random, int expectedSeconds)
    {
        var next = WebhookRetrySchedule.NextAttemptAt(Created, 1, Created, random);

        Assert.That((next!.Value - Created).TotalSeconds, Is.EqualTo(expectedSeconds).Within(0.1));
    }

    [TestCase(0.0)]
    [TestCase(0.5)]
    [TestCase(0.9999)]
    public void A_receiver_that_never_answers_is_tried_for_about_three_days_and_then_given_up(double random)
    {
        var now = Created;
        var failures = 0;
        DateTime? next = now;
        while (next is { } at)
        {
            now = at;
            failures++;
            next = WebhookRetrySchedule.NextAttemptAt(Created, failures, now, random);
        }

        Assert.That(now - Created, Is.GreaterThan(TimeSpan.FromDays(2.5)).And.LessThanOrEqualTo(WebhookRetrySchedule.Window));
        Assert.That(failures, Is.InRange(12, 18));
    }
}
