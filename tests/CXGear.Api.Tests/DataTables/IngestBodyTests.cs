using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CXGear.Api.Tests.DataTables;

/// <summary>
/// The ingest body as bytes on the wire: what the records reader accepts, stores and refuses (docs/api.md#public-ingest-trigger-and-reads).
/// Every refusal is a 400 with nothing written, never a 500.
/// </summary>
public sealed class IngestBodyTests : PublicIngestTestBase
{
    [Test]
    public async Task Escaped_and_non_ascii_text_is_stored_decoded_and_numbers_keep_their_spelling()
    {
        var arranged = await ArrangeAsync();

        await OkAsync(await RawAsync(arranged, Body(arranged, """[{"na\u006de":"\u00c5sa \"Q\" Zoë\n","score":1.50,"vip":false,"phone":null}]""")), 1);

        var row = (await RowsAsync(arranged.Admin.AccessToken, arranged.TableId))["items"]![0]!;
        Assert.That((string?)row["values"]!["name"], Is.EqualTo("Åsa \"Q\" Zoë\n"));
        Assert.That(row["values"]!["score"]!.ToJsonString(), Is.EqualTo("1.50"));
        Assert.That(Values(row), Is.EqualTo(new[] { "name=Åsa \"Q\" Zoë\n", "phone=null", "score=1.50", "vip=false" }));
    }

    [Test]
    public async Task Invalid_utf8_in_a_value_is_a_validation_error_naming_it_and_writes_nothing()
    {
        var arranged = await ArrangeAsync();
        var body = Encoding.UTF8.GetBytes(Body(arranged, """[{"name":"ok"},{"name":"bad XX here"}]"""));
        var at = IndexOf(body, "XX"u8);
        body[at] = 0xC3;
        body[at + 1] = 0x28;

        var problem = await AssertProblemAsync(await RawAsync(arranged, body), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(problem["errors"]!["records[1].name"], Is.Not.Null, problem.ToJsonString());
        Assert.That(await RowCountAsync(arranged), Is.Zero);
    }

    [Test]
    public async Task A_lone_surrogate_escape_is_a_validation_error_naming_it_and_writes_nothing()
    {
        var arranged = await ArrangeAsync();

        var problem = await AssertProblemAsync(
            await RawAsync(arranged, Body(arranged, """[{"name":"Ada"},{"phone":"\ud800"}]""")), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(problem["errors"]!["records[1].phone"], Is.Not.Null, problem.ToJsonString());
        Assert.That(await RowCountAsync(arranged), Is.Zero);
    }

    [Test]
    public async Task A_key_that_is_not_valid_utf8_is_an_unknown_column_not_an_error_page()
    {
        var arranged = await ArrangeAsync();
        var body = Encoding.UTF8.GetBytes(Body(arranged, """[{"XX":"Ada"}]"""));
        var at = IndexOf(body, "XX"u8);
        body[at] = 0xFF;

        var problem = await AssertProblemAsync(await RawAsync(arranged, body), HttpStatusCode.BadRequest, "SCHEMA_MISMATCH");

        Assert.That(problem["unknownColumns"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(await RowCountAsync(arranged), Is.Zero);
    }

    [Test]
    public async Task A_body_with_a_byte_order_mark_or_sent_in_chunks_is_read_like_any_other()
    {
        var arranged = await ArrangeAsync();
        var json = Encoding.UTF8.GetBytes(Body(arranged, """[{"name":"Ada"}]"""));

        await OkAsync(await RawAsync(arranged, [.. Encoding.UTF8.Preamble, .. json]), 1);

        await OkAsync(await ChunkedAsync(arranged, json), 1);

        Assert.That(await RowCountAsync(arranged), Is.EqualTo(2));
    }

    [Test]
    public async Task A_chunked_body_over_5_MB_is_413_once_its_bytes_pass_the_limit_and_writes_nothing()
    {
        var arranged = await ArrangeAsync();

        await AssertProblemAsync(
            await ChunkedAsync(arranged, Encoding.UTF8.GetBytes(OverFiveMegabytes(arranged.TableId))), HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.That(await RowCountAsync(arranged), Is.Zero);
    }

    [Test]
    public async Task A_body_declared_in_another_charset_is_refused_saying_to_send_utf8()
    {
        var arranged = await ArrangeAsync();
        var utf16 = new StringContent(Body(arranged, """[{"name":"Zoë"}]"""), Encoding.Unicode, "application/json");

        var problem = await AssertProblemAsync(await RawAsync(arranged, utf16), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That((string?)problem["errors"]!["body"]![0], Does.Contain("UTF-8"));
        Assert.That(await RowCountAsync(arranged), Is.Zero);
    }

    [TestCase("", TestName = "an empty body")]
    [TestCase("[]", TestName = "an array instead of an object")]
    [TestCase("""{"dataTableId":"{id}","records":[{"name":"Ada"}]} trailing""", TestName = "text after the object")]
    [TestCase("""{"dataTableId":"{id}","records":[{"name":"Ada"}],}""", TestName = "a trailing comma")]
    [TestCase("""{"dataTableId":"{id}","records":[{"name":"Ada"}] /* note */}""", TestName = "a comment")]
    [TestCase("""{"dataTableId":42,"records":[{"name":"Ada"}]}""", TestName = "an id that is a number")]
    [TestCase("""{"dataTableId":"{id}","records":[{"name":"Ada"]}""", TestName = "a record closed by the wrong bracket")]
    public async Task A_body_that_is_not_one_json_object_of_the_route_is_a_validation_error(string json)
    {
        var arranged = await ArrangeAsync();

        await AssertProblemAsync(await RawAsync(arranged, json.Replace("{id}", arranged.TableId)), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(await RowCountAsync(arranged), Is.Zero);
    }

    [Test]
    public async Task Values_nested_past_the_depth_limit_are_a_validation_error_not_a_crash()
    {
        var arranged = await ArrangeAsync();
        var deep = new string('[', 40) + new string(']', 40);

        await AssertProblemAsync(await RawAsync(arranged, Body(arranged, $$"""[{"name":{{deep}}}]""")), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(await RowCountAsync(arranged), Is.Zero);
    }

    [Test]
    public async Task The_webhook_route_reads_the_same_body_without_a_table_id()
    {
        var arranged = await ArrangeAsync();
        var token = await WebhookTokenAsync(arranged);

        var ok = await Client.PostAsync(
            $"/api/v1/public/data-tables/ingest/{token}",
            new StringContent("""{"records":[{"n\u0061me":"Ada","vip":true}],"dataTableId":"ignored"}""", Encoding.UTF8, "application/json"));
        await OkAsync(ok, 1);

        var bad = await Client.PostAsync(
            $"/api/v1/public/data-tables/ingest/{token}", new StringContent("""{"records":[{"name":"\udc00"}]}""", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(bad, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(await RowCountAsync(arranged), Is.EqualTo(1));
    }

    private async Task<string> WebhookTokenAsync(Arranged arranged)
    {
        var created = await PostAsync($"/api/v1/data-tables/{arranged.TableId}/ingest-webhook/rotate", token: arranged.Admin.AccessToken);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK), await created.Content.ReadAsStringAsync());
        return (string)(await JsonAsync(created))["token"]!;
    }

    private static string Body(Arranged arranged, string records) => $$"""{"dataTableId":"{{arranged.TableId}}","records":{{records}}}""";

    private Task<HttpResponseMessage> RawAsync(Arranged arranged, string json) => RawAsync(arranged, Encoding.UTF8.GetBytes(json));

    private Task<HttpResponseMessage> RawAsync(Arranged arranged, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return RawAsync(arranged, content);
    }

    private Task<HttpResponseMessage> RawAsync(Arranged arranged, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/public/ingest") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", arranged.Key);
        return Client.SendAsync(request);
    }

    /// <summary>The body sent without a Content-Length, in chunks, as a streaming client sends it.</summary>
    private Task<HttpResponseMessage> ChunkedAsync(Arranged arranged, byte[] body)
    {
        var chunked = new StreamContent(new MemoryStream(body));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/public/ingest") { Content = chunked };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", arranged.Key);
        request.Headers.TransferEncodingChunked = true;
        return Client.SendAsync(request);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
