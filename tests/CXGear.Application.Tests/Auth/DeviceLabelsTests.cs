using CXGear.Application.Auth.Common;

namespace CXGear.Application.Tests.Auth;

public sealed class DeviceLabelsTests
{
    private const string ChromeMac =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

    private const string EdgeWindows =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87";

    private const string SafariIPhone =
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private const string FirefoxLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0";

    private const string ChromeAndroid =
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36";

    private const string SafariMac =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    private const string ChromeIPad =
        "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1";

    [TestCase(ChromeMac, "Chrome on macOS")]
    [TestCase(EdgeWindows, "Edge on Windows")]
    [TestCase(SafariIPhone, "Safari on iOS")]
    [TestCase(FirefoxLinux, "Firefox on Linux")]
    [TestCase(ChromeAndroid, "Chrome on Android")]
    [TestCase(SafariMac, "Safari on macOS")]
    [TestCase(ChromeIPad, "Chrome on iPadOS")]
    [TestCase("curl/8.5.0", "curl")]
    [TestCase("PostmanRuntime/7.39.0", "Postman")]
    public void FromUserAgent_names_browser_and_system(string userAgent, string expected)
    {
        Assert.That(DeviceLabels.FromUserAgent(userAgent), Is.EqualTo(expected));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("SomethingUnheardOf/1.0")]
    public void FromUserAgent_without_anything_recognisable_is_unknown(string? userAgent)
    {
        Assert.That(DeviceLabels.FromUserAgent(userAgent), Is.EqualTo(DeviceLabels.Unknown).And.EqualTo("Unknown device"));
    }

    [Test]
    public void FromUserAgent_with_a_system_but_no_known_browser_says_browser()
    {
        Assert.That(DeviceLabels.FromUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64)"), Is.EqualTo("Browser on Windows"));
    }

    [Test]
    public void Resolve_prefers_a_requested_label_trimmed()
    {
        Assert.That(DeviceLabels.Resolve("  Front desk PC ", ChromeMac), Is.EqualTo("Front desk PC"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Resolve_falls_back_to_the_user_agent_for_a_blank_label(string? requested)
    {
        Assert.That(DeviceLabels.Resolve(requested, FirefoxLinux), Is.EqualTo("Firefox on Linux"));
    }
}
