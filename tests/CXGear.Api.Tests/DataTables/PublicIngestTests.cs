using System.Net;
using System.Text;
using CXGear.Tests.Shared;

namespace CXGear.Api.Tests.DataTables;

/// <summary><c>POST /public/ingest</c> with an <c>ingest</c> key: docs/api.md#public-ingest-trigger-and-reads and docs/api.md#limits.</summary>
[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class PublicIngestTests : PublicIngestTestBase
{
    public PublicIngestTests(TestEngine engine) => Engine = engine;

    [Test]
    public async Task Exactly_500_records_are_stored_in_order_with_their_json_types_and_missing_columns_as_null()
    {
        var arranged = await ArrangeAsync();
        var records = Records(499).Append(new Dictionary<string, object?> { ["name"] = "Last" }).ToArray();

        await OkAsync(await IngestAsync(arranged.Key, arranged.TableId, records), 500);

        Assert.That(await RowCountAsync(arranged), Is.EqualTo(500));
        var first = (await RowsAsync(arranged.Admin.AccessToken, arranged.TableId, "?pageSize=1"))["items"]![0]!;
        Assert.That((long)first["sequence"]!, Is.EqualTo(1));
        Assert.That(Values(first), Is.EqualTo(new[] { "name=Ada 0", "phone=+15550000", "score=0", "vip=true" }));
        Assert.That(first["values"]!["score"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.Number), "numbers stay numbers");
        Assert.That(first["values"]!["vip"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.True), "booleans stay booleans");
        var last = (await RowsAsync(arranged.Admin.AccessToken, arranged.TableId, "?page=500&pageSize=1"))["items"]![0]!;
        Assert.That(Values(last), Is.EqualTo(new[] { "name=Last", "phone=null", "score=null", "vip=null" }));
    }

    [TestCase(0)]
    [TestCase(501)]
    public async Task A_batch_of_zero_or_more_than_500_is_refused_and_writes_nothing(int count)
    {
        var arranged = await ArrangeAsync();

        var body = await AssertProblemAsync(await IngestAsync(arranged.Key, arranged.TableId, Records(count)), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!["records"], Is.Not.Null);
        Assert.That(await RowCountAsync(arranged), Is.Zero);
    }

    [Test]
    public async Task Records_that_are_not_an_array_are_a_validation_error()
    {
        var arranged = await ArrangeAsync();

        await AssertProblemAsync(await IngestAsync(arranged.Key, arranged.TableId, new { name = "Ada" }), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(
            await SendJsonAsync("/api/v1/public/ingest", new { }, arranged.Key, rawJson: $$"""{"dataTableId":"{{arranged.TableId}}"}"""),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");
    }

    [Test]
    public async Task One_bad_record_rejects_the_whole_batch_with_its_path()
    {
        var arranged = await ArrangeAsync();
        await OkAsync(await IngestAsync(arranged.Key, arranged.TableId, Records(10)), 10);
        var records = Records(5).Append(new Dictionary<string, object?> { ["name"] = new { first = "Ada" } })
            .Append(new Dictionary<string, object?> { ["phone"] = new string('9', 10_001) }).ToArray();

        var body = await AssertProblemAsync(await IngestAsync(arranged.Key, arranged.TableId, records), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That(body["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "records[5].name", "records[6].phone" }));
        Assert.That(await RowCountAsync(arranged), Is.EqualTo(10), "the batch is all or nothing");
    }

    [Test]
    public async Task An_unknown_column_is_a_schema_mismatch_naming_it_and_writes_nothing()
    {
        var arranged = await ArrangeAsync();
        var records = Records(3).Append(new Dictionary<string, object?> { ["name"] = "X", ["email"] = "x@example.com", ["Phone"] = "1" }).ToArray();

        var body = await AssertProblemAsync(await IngestAsync(arranged.Key, arranged.TableId, records), HttpStatusCode.BadRequest, "SCHEMA_MISMATCH");

        Assert.That(Strings(body["unknownColumns"]), Is.EqualTo(new[] { "Phone", "email" }), "column names are case-sensitive");
        Assert.That(await RowCountAsync(arranged), Is.Zero);
    }

    [Test]
    public async Task A_table_without_columns_is_a_conflict_telling_to_import_first()
    {
        var arranged = await ArrangeAsync(withColumns: false);

        var body = await AssertProblemAsync(await IngestAsync(arranged.Key, arranged.TableId, Records(1)), HttpStatusCode.Conflict, "CONFLICT");

        Assert.That((string?)body["message"], Does.Contain("import a CSV"));
    }

    [Test]
    public async Task Another_organizations_table_and_an_unknown_table_are_404()
    {
        var mine = await ArrangeAsync();
        var theirs = await ArrangeAsync();

        await AssertProblemAsync(await IngestAsync(mine.Key, theirs.TableId, Records(1)), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertProblemAsync(await IngestAsync(mine.Key, Guid.NewGuid().ToString(), Records(1)), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.That(await RowCountAsync(theirs), Is.Zero);
    }

    [Test]
    public async Task A_body_over_5_MB_is_413_and_writes_nothing()
    {
        var arranged = await ArrangeAsync();

        await AssertProblemAsync(
            await SendJsonAsync("/api/v1/public/ingest", new { }, arranged.Key, rawJson: OverFiveMegabytes(arranged.TableId)), HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.That(await RowCountAsync(arranged), Is.Zero);
    }

    [Test]
    public async Task Twenty_concurrent_batches_of_100_end_with_exactly_2000_rows_numbered_without_gaps()
    {
        var arranged = await ArrangeAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => IngestAsync(arranged.Key, arranged.TableId, Records(100, i * 100))));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(await RowCountAsync(arranged), Is.EqualTo(2000));
        var page = await RowsAsync(arranged.Admin.AccessToken, arranged.TableId, "?page=10&pageSize=200");
        Assert.That((long)page["items"]!.AsArray().Last()!["sequence"]!, Is.EqualTo(2000));
        var names = new HashSet<string>();
        for (var p = 1; p <= 10; p++)
        {
            foreach (var row in (await RowsAsync(arranged.Admin.AccessToken, arranged.TableId, $"?page={p}&pageSize=200"))["items"]!.AsArray())
            {
                names.Add((string)row!["values"]!["name"]!);
            }
        }

        Assert.That(names, Has.Count.EqualTo(2000), "every record landed once");
    }

    [Test]
    public async Task A_retry_with_the_same_idempotency_key_replays_and_inserts_once()
    {
        var arranged = await ArrangeAsync();
        var records = Records(100);

        var first = await IngestAsync(arranged.Key, arranged.TableId, records, idempotencyKey: "batch-42");
        var retry = await IngestAsync(arranged.Key, arranged.TableId, records, idempotencyKey: "batch-42");
        var other = await IngestAsync(arranged.Key, arranged.TableId, Records(1), idempotencyKey: "batch-42");

        await OkAsync(first, 100);
        await OkAsync(retry, 100);
        Assert.That(retry.Headers.GetValues("Idempotency-Replayed"), Is.EqualTo(new[] { "true" }));
        await AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
        Assert.That(await RowCountAsync(arranged), Is.EqualTo(100));
    }

    [Test]
    public async Task The_key_needs_the_ingest_scope_and_a_user_token_is_not_a_key()
    {
        var arranged = await ArrangeAsync();
        var trigger = await PostAsync("/api/v1/api-keys", new { name = "Trigger only", scopes = new[] { "trigger" } }, arranged.Admin.AccessToken);
        var triggerKey = (string)(await JsonAsync(trigger))["secret"]!;

        await AssertProblemAsync(await IngestAsync(triggerKey, arranged.TableId, Records(1)), HttpStatusCode.Forbidden, "KEY_MISSING_SCOPE");
        await AssertProblemAsync(await IngestAsync(arranged.Admin.AccessToken, arranged.TableId, Records(1)), HttpStatusCode.Unauthorized, "INVALID_API_KEY");
        Assert.That(await RowCountAsync(arranged), Is.Zero);
    }

    [Test]
    public async Task A_body_read_whole_binds_as_before_names_in_any_case_extra_members_ignored_bad_json_and_ids_400()
    {
        var arranged = await ArrangeAsync();
        var record = """[{"name":"Ada"}]""";

        await OkAsync(await RawAsync($$"""{"DataTableId":"{{arranged.TableId}}","RECORDS":{{record}}}"""), 1);

        await OkAsync(await RawAsync($$"""{"dataTableId":"{{arranged.TableId}}","records":{{record}},"source":"crm"}"""), 1);
        await AssertProblemAsync(await RawAsync($$"""{"dataTableId":"not-a-guid","records":{{record}}}"""), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await RawAsync($$"""{"dataTableId":"{{arranged.TableId}}","records":[{"name":"Ada"}"""), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await RawAsync($$"""{"dataTableId":null,"records":{{record}}}"""), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(await RowCountAsync(arranged), Is.EqualTo(2));

        Task<HttpResponseMessage> RawAsync(string json) => SendJsonAsync("/api/v1/public/ingest", new { }, arranged.Key, rawJson: json);
    }
}
