using CXGear.Client.Generated;

namespace CXGear.Client.Tests;

public sealed class ApiProblemTests
{
    [Test]
    public void A_problem_body_gives_its_error_code_message_trace_and_field_errors()
    {
        const string body = """
            {"type":"about:blank","title":"Bad Request","status":400,"detail":"2 field(s) are invalid","errorCode":"VALIDATION_ERROR",
             "message":"2 field(s) are invalid","traceId":"00-abc","errors":{"records[3].phone":["too long"],"records[7].name":["bad"]}}
            """;

        var error = CXGearClient.ToApiException(new ApiException("x", 400, body, new Dictionary<string, IEnumerable<string>>(), null));

        Assert.Multiple(() =>
        {
            Assert.That((error.StatusCode, error.ErrorCode), Is.EqualTo((400, "VALIDATION_ERROR")));
            Assert.That(error.Problem!.TraceId, Is.EqualTo("00-abc"));
            Assert.That(error.Errors["records[3].phone"], Is.EqualTo(new[] { "too long" }));
            Assert.That(error.Message, Is.EqualTo("VALIDATION_ERROR (400): 2 field(s) are invalid"));
        });
    }

    [Test]
    public void Retry_after_and_extension_members_are_kept()
    {
        var headers = new Dictionary<string, IEnumerable<string>> { ["Retry-After"] = ["7"] };
        var error = CXGearClient.ToApiException(new ApiException("x", 403, """{"errorCode":"KEY_MISSING_SCOPE","message":"Key missing scope: ingest","scope":"ingest"}""", headers, null));

        Assert.That((error.RetryAfter, error.Problem!.Member("scope"), error.Problem.Detail), Is.EqualTo(((TimeSpan?)TimeSpan.FromSeconds(7), "ingest", "Key missing scope: ingest")));
    }

    [Test]
    public void A_body_that_is_not_a_problem_still_gives_a_code_from_the_status()
    {
        var error = CXGearClient.ToApiException(new ApiException("x", 502, "<html>bad gateway</html>", new Dictionary<string, IEnumerable<string>>(), null));

        Assert.That((error.ErrorCode, error.Problem), Is.EqualTo(("HTTP_502", (ApiProblem?)null)));
    }
}
