using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CXGear.Api.Tests.DataTables;

public sealed class CsvImportTests : DataTablesTestBase
{
    [Test]
    public async Task Import_defines_the_columns_from_the_header_and_stores_rows_in_order()
    {
        var (admin, _, table) = await ArrangeTableAsync();

        var result = await ImportAsync(admin.AccessToken, table, " name , phone\r\nAda,+1555\r\nGrace,+1666\r\n");

        Assert.That((long)result["inserted"]!, Is.EqualTo(2));
        Assert.That(Strings(result["dataTable"]!["columns"]), Is.EqualTo(new[] { "name", "phone" }), "trimmed");
        Assert.That((long)result["dataTable"]!["rowCount"]!, Is.EqualTo(2));
        var rows = await RowsAsync(admin.AccessToken, table);
        Assert.That((int)rows["total"]!, Is.EqualTo(2));
        Assert.That(rows["items"]!.AsArray().Select(r => (long)r!["sequence"]!), Is.EqualTo(new[] { 1L, 2L }));
        Assert.That(Values(rows["items"]![0]!), Is.EqualTo(new[] { "name=Ada", "phone=+1555" }));
        Assert.That(Values(rows["items"]![1]!), Is.EqualTo(new[] { "name=Grace", "phone=+1666" }));
    }

    [Test]
    public async Task Quotes_escaped_quotes_embedded_commas_and_newlines_and_a_bom_survive()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        const string csv = "name,note\n\"Lovelace, Ada\",\"She said \"\"hi\"\"\nthen left\"\nPlain,\"\"\n";

        var response = await CsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/import", csv, bom: true);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var items = (await RowsAsync(admin.AccessToken, table))["items"]!.AsArray();
        Assert.That(Strings((await TableAsync(admin.AccessToken, table))["columns"]), Is.EqualTo(new[] { "name", "note" }), "the BOM is not part of the first column");
        Assert.That(Values(items[0]!), Is.EqualTo(new[] { "name=Lovelace, Ada", "note=She said \"hi\"\nthen left" }));
        Assert.That(Values(items[1]!), Is.EqualTo(new[] { "name=Plain", "note=" }));
    }

    [Test]
    public async Task Import_takes_a_multipart_file()
    {
        var (admin, _, table) = await ArrangeTableAsync();

        var response = await MultipartCsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/import", "email\nada@example.com\n");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(Values((await RowsAsync(admin.AccessToken, table))["items"]![0]!), Is.EqualTo(new[] { "email=ada@example.com" }));
    }

    [Test]
    public async Task A_multipart_body_without_a_file_and_other_content_types_are_refused()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        var url = $"/api/v1/data-tables/{table}/import";
        var form = new MultipartFormDataContent { { new StringContent("name\nx\n"), "csv" } };
        var json = new StringContent("{}", Encoding.UTF8, "application/json");

        var noFile = await AssertProblemAsync(await SendContentAsync(admin.AccessToken, url, form), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await SendContentAsync(admin.AccessToken, url, json), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");

        Assert.That(noFile["errors"]!["file"], Is.Not.Null);
    }

    [Test]
    public async Task A_duplicate_or_blank_header_is_a_validation_error()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        var url = $"/api/v1/data-tables/{table}/import";

        var duplicate = await AssertProblemAsync(await CsvAsync(admin.AccessToken, url, "name,phone, name\nA,1,B\n"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(await CsvAsync(admin.AccessToken, url, "name,,phone\nA,1,2\n"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var empty = await AssertProblemAsync(await CsvAsync(admin.AccessToken, url, ""), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That((string?)duplicate["message"], Does.Contain("name"));
        Assert.That(empty["errors"]!["csv"], Is.Not.Null);
        Assert.That(Strings((await TableAsync(admin.AccessToken, table))["columns"]), Is.Empty);
    }

    [Test]
    public async Task A_malformed_line_is_named_and_nothing_is_imported()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        await ImportAsync(admin.AccessToken, table, "name,phone\nAda,1\n");
        var url = $"/api/v1/data-tables/{table}/import?replace=true";
        var good = string.Concat(Enumerable.Range(0, 2500).Select(i => $"Person {i},{i}\n"));

        // Line 2503: header, 2,500 good rows across several batches, one more good row, then a short one.
        var wrongCount = await AssertProblemAsync(await CsvAsync(admin.AccessToken, url, "first,second\n" + good + "ok,1\nshort\n"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var unterminated = await AssertProblemAsync(await CsvAsync(admin.AccessToken, url, "first,second\nA,1\n\"B\nstill open,2\n"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var afterQuote = await AssertProblemAsync(await CsvAsync(admin.AccessToken, url, "first,second\nA,1\nB,\"2\"x\n"), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That((string?)wrongCount["message"], Does.StartWith("Line 2503:"));
        Assert.That((int)wrongCount["line"]!, Is.EqualTo(2503));
        Assert.That(wrongCount["errors"]!["csv"], Is.Not.Null);
        Assert.That((int)unterminated["line"]!, Is.EqualTo(3));
        Assert.That((int)afterQuote["line"]!, Is.EqualTo(3));
        var after = await TableAsync(admin.AccessToken, table);
        Assert.That(Strings(after["columns"]), Is.EqualTo(new[] { "name", "phone" }), "the failed replace changed nothing");
        Assert.That((long)after["rowCount"]!, Is.EqualTo(1));
        var rows = await RowsAsync(admin.AccessToken, table);
        Assert.That((int)rows["total"]!, Is.EqualTo(1));
        Assert.That(Values(rows["items"]![0]!), Is.EqualTo(new[] { "name=Ada", "phone=1" }));
    }

    [Test]
    public async Task Import_into_a_table_with_rows_needs_replace_which_starts_again()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        await ImportAsync(admin.AccessToken, table, "name\nAda\nGrace\n");
        await SendAsync(HttpMethod.Put, $"/api/v1/data-tables/{table}/metadata-fields", new { fields = new[] { "name" } }, admin.AccessToken);

        await AssertProblemAsync(await CsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/import", "email\nx@example.com\n"), HttpStatusCode.Conflict, "CONFLICT");
        var replaced = await ImportAsync(admin.AccessToken, table, "email,name\nx@example.com,Xavier\n", replace: true);

        Assert.That(Strings(replaced["dataTable"]!["columns"]), Is.EqualTo(new[] { "email", "name" }));
        Assert.That(Strings(replaced["dataTable"]!["metadataFields"]), Is.EqualTo(new[] { "name" }), "a chosen field that still exists stays chosen");
        var rows = await RowsAsync(admin.AccessToken, table);
        Assert.That((int)rows["total"]!, Is.EqualTo(1));
        Assert.That((long)rows["items"]![0]!["sequence"]!, Is.EqualTo(1), "numbering starts again");
        Assert.That(Values(rows["items"]![0]!), Is.EqualTo(new[] { "email=x@example.com", "name=Xavier" }));
    }

    [Test]
    public async Task A_table_created_with_columns_but_no_rows_can_still_be_imported()
    {
        var (admin, _, table) = await ArrangeTableAsync(["old"]);

        var result = await ImportAsync(admin.AccessToken, table, "new\nvalue\n");

        Assert.That(Strings(result["dataTable"]!["columns"]), Is.EqualTo(new[] { "new" }));
    }

    [Test]
    public async Task Invalid_utf8_is_a_validation_error()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        var bytes = Encoding.UTF8.GetBytes("name\nok\n").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();

        var body = await AssertProblemAsync(await CsvBytesAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/import", bytes), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That((string?)body["message"], Does.Contain("UTF-8"));
    }

    [Test]
    public async Task A_large_import_streams_in_batches_and_pages_by_sequence()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        var csv = new StringBuilder("id,name\n");
        for (var i = 1; i <= 5_000; i++)
        {
            csv.Append(i).Append(",Name ").Append(i).Append('\n');
        }

        var result = await ImportAsync(admin.AccessToken, table, csv.ToString());

        Assert.That((long)result["inserted"]!, Is.EqualTo(5_000));
        var page = await RowsAsync(admin.AccessToken, table, "?page=17&pageSize=200");
        Assert.That((int)page["total"]!, Is.EqualTo(5_000));
        Assert.That((int)page["page"]!, Is.EqualTo(17));
        var items = page["items"]!.AsArray();
        Assert.That(items, Has.Count.EqualTo(200));
        Assert.That((long)items[0]!["sequence"]!, Is.EqualTo(3_201));
        Assert.That((string?)items[0]!["values"]!["id"], Is.EqualTo("3201"));
        Assert.That((string?)items[199]!["values"]!["id"], Is.EqualTo("3400"));
        var beyond = await RowsAsync(admin.AccessToken, table, "?page=26&pageSize=200");
        Assert.That(beyond["items"]!.AsArray(), Is.Empty);
        await AssertProblemAsync(await GetAsync($"/api/v1/data-tables/{table}/rows?pageSize=201", admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Test]
    public async Task The_content_type_may_carry_a_charset()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("name\nZoë\n"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv; charset=utf-8");

        var response = await SendContentAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/import", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(Values((await RowsAsync(admin.AccessToken, table))["items"]![0]!), Is.EqualTo(new[] { "name=Zoë" }));
    }
}
