namespace CXGear.Client.Tests;

/// <summary>The Standard Webhooks specification's own example message, secret and signature.</summary>
public sealed class WebhookVerifierTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Timestamp = "1614265330";
    private const string Body = "{\"test\": 2432232314}";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly FixedClock Then = new(DateTimeOffset.FromUnixTimeSeconds(1614265330));

    [Test]
    public void The_specifications_example_verifies_alone_or_beside_another_signature()
    {
        var verifier = new WebhookVerifier(Secret) { Clock = Then };

        Assert.That(verifier.Verify(Id, Timestamp, Signature, Body), Is.True);
        Assert.That(verifier.Verify(Id, Timestamp, "v1,bm90IHRoaXMgb25l " + Signature, Body), Is.True, "a rotation's two signatures");
    }

    [Test]
    public void A_changed_body_id_or_timestamp_a_foreign_version_or_another_secret_fails()
    {
        var verifier = new WebhookVerifier(Secret) { Clock = Then };

        Assert.That(verifier.Verify(Id, Timestamp, Signature, Body + " "), Is.False);
        Assert.That(verifier.Verify(Id + "x", Timestamp, Signature, Body), Is.False);
        Assert.That(verifier.Verify(Id, "1614265331", Signature, Body), Is.False);
        Assert.That(verifier.Verify(Id, Timestamp, Signature.Replace("v1,", "v2,", StringComparison.Ordinal), Body), Is.False);
        Assert.That(verifier.Verify(Id, Timestamp, "v1,not base64!", Body), Is.False);
        Assert.That(new WebhookVerifier("whsec_" + Convert.ToBase64String(new byte[24])) { Clock = Then }.Verify(Id, Timestamp, Signature, Body), Is.False);
    }

    [Test]
    public void A_timestamp_more_than_five_minutes_away_is_refused_so_a_captured_request_cannot_be_replayed()
    {
        var later = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1614265330 + 301));

        Assert.That(new WebhookVerifier(Secret) { Clock = later }.Verify(Id, Timestamp, Signature, Body), Is.False);
        Assert.That(new WebhookVerifier(Secret) { Clock = later, Tolerance = TimeSpan.FromMinutes(10) }.Verify(Id, Timestamp, Signature, Body), Is.True);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
