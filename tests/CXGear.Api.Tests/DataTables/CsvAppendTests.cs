using System.Net;
using CXGear.Tests.Shared;

namespace CXGear.Api.Tests.DataTables;

[TestFixture(TestEngine.Sqlite)]
[TestFixture(TestEngine.Postgres)]
public sealed class CsvAppendTests : DataTablesTestBase
{
    public CsvAppendTests(TestEngine engine) => Engine = engine;

    [Test]
    public async Task Append_adds_rows_after_the_existing_ones_in_column_order()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        await ImportAsync(admin.AccessToken, table, "name,phone\nAda,1\n");

        var response = await CsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/append", "name,phone\nGrace,2\nLinus,3\n");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var result = await JsonAsync(response);
        Assert.That((long)result["inserted"]!, Is.EqualTo(2));
        Assert.That((long)result["dataTable"]!["rowCount"]!, Is.EqualTo(3));
        var items = (await RowsAsync(admin.AccessToken, table))["items"]!.AsArray();
        Assert.That(items.Select(r => (long)r!["sequence"]!), Is.EqualTo(new[] { 1L, 2L, 3L }));
        Assert.That(Values(items[1]!), Is.EqualTo(new[] { "name=Grace", "phone=2" }));
    }

    [Test]
    public async Task A_header_that_does_not_match_is_schema_mismatch_naming_missing_and_unknown_columns()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        await ImportAsync(admin.AccessToken, table, "name,phone\nAda,1\n");

        var body = await AssertProblemAsync(
            await CsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/append", "name,Phone,email\nGrace,2,g@example.com\n"),
            HttpStatusCode.BadRequest,
            "SCHEMA_MISMATCH");

        Assert.That(Strings(body["missingColumns"]), Is.EqualTo(new[] { "phone" }));
        Assert.That(Strings(body["unknownColumns"]), Is.EqualTo(new[] { "Phone", "email" }));
        Assert.That(Strings(body["columns"]), Is.EqualTo(new[] { "name", "phone" }));
        Assert.That((string?)body["message"], Does.Contain("phone").And.Contain("email"));
        Assert.That((long)(await TableAsync(admin.AccessToken, table))["rowCount"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task A_header_with_the_columns_in_another_order_is_schema_mismatch_giving_the_order()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        await ImportAsync(admin.AccessToken, table, "name,phone\nAda,1\n");

        var body = await AssertProblemAsync(
            await CsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/append", "phone,name\n2,Grace\n"),
            HttpStatusCode.BadRequest,
            "SCHEMA_MISMATCH");

        Assert.That((Strings(body["unknownColumns"]), Strings(body["missingColumns"])), Is.EqualTo((Array.Empty<string>(), Array.Empty<string>())));
        Assert.That(Strings(body["columns"]), Is.EqualTo(new[] { "name", "phone" }));
        Assert.That((long)(await TableAsync(admin.AccessToken, table))["rowCount"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task A_malformed_appended_line_leaves_the_table_as_it_was()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        await ImportAsync(admin.AccessToken, table, "name,phone\nAda,1\n");

        var body = await AssertProblemAsync(
            await CsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/append", "name,phone\nGrace,2\nLinus,3,extra\n"),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");

        Assert.That((int)body["line"]!, Is.EqualTo(3));
        Assert.That((long)(await TableAsync(admin.AccessToken, table))["rowCount"]!, Is.EqualTo(1));
        Assert.That((int)(await RowsAsync(admin.AccessToken, table))["total"]!, Is.EqualTo(1));
        var next = await JsonAsync(await CsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/append", "name,phone\nGrace,2\n"));
        Assert.That((long)(await RowsAsync(admin.AccessToken, table))["items"]![1]!["sequence"]!, Is.EqualTo(2), "the rolled-back rows left no gap");
        Assert.That((long)next["inserted"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task Append_to_a_table_without_columns_is_a_conflict()
    {
        var (admin, _, table) = await ArrangeTableAsync();

        await AssertProblemAsync(await CsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/append", "name\nAda\n"), HttpStatusCode.Conflict, "CONFLICT");
    }

    [Test]
    public async Task Append_takes_a_multipart_file()
    {
        var (admin, _, table) = await ArrangeTableAsync(["name"]);

        var response = await MultipartCsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/append", "name\nAda\n");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((long)(await TableAsync(admin.AccessToken, table))["rowCount"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_appends_to_one_table_number_every_row_exactly_once()
    {
        var (admin, _, table) = await ArrangeTableAsync(["n"]);
        var bodies = Enumerable.Range(0, 8).Select(c => "n\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{c}-{i}\n"))).ToList();

        var responses = await Task.WhenAll(bodies.Select(b => CsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/append", b)));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That((long)(await TableAsync(admin.AccessToken, table))["rowCount"]!, Is.EqualTo(800));
        var sequences = new List<long>();
        for (var page = 1; page <= 4; page++)
        {
            sequences.AddRange((await RowsAsync(admin.AccessToken, table, $"?page={page}&pageSize=200"))["items"]!.AsArray().Select(r => (long)r!["sequence"]!));
        }

        Assert.That(sequences, Is.EqualTo(Enumerable.Range(1, 800).Select(i => (long)i)));
    }
}
