using System.Text.Json;
using CXGear.Application.Common.Exceptions;
using CXGear.Application.DataTables.Commands.IngestRecords;
using CXGear.Application.DataTables.Common;
using CXGear.Domain.Common;

namespace CXGear.Application.Tests.DataTables;

public sealed class RecordBatchTests
{
    private static readonly string[] Columns = ["name", "phone", "score", "vip"];

    private static RecordsJson Parse(string json) => RecordsJson.From(JsonDocument.Parse(json).RootElement);

    [Test]
    public void Flat_records_of_known_columns_pass_and_missing_columns_are_allowed()
    {
        var records = Parse("""[{"name":"Ada","phone":"+1","score":3.5,"vip":true},{"name":null},{}]""");

        Assert.DoesNotThrow(() => RecordBatch.Encode(records, Columns));
    }

    [Test]
    public void Unknown_keys_are_a_schema_mismatch_naming_them_sorted_and_once()
    {
        var records = Parse("""[{"name":"Ada","email":"a@x"},{"Name":"B","email":"b@x"}]""");

        var error = Assert.Throws<CXGearException>(() => RecordBatch.Encode(records, Columns))!;

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.SchemaMismatch));
        Assert.That(error.Extensions["unknownColumns"], Is.EqualTo(new[] { "Name", "email" }), "column names are case-sensitive");
        Assert.That(error.Extensions["missingColumns"], Is.Empty);
        Assert.That(error.Extensions["columns"], Is.EqualTo(Columns), "the same members as the CSV append's SCHEMA_MISMATCH");
        Assert.That(error.Message, Does.Contain("Name, email"));
    }

    [Test]
    public void Nested_values_non_objects_long_strings_and_duplicates_are_validation_errors_with_paths()
    {
        var longText = new string('x', RecordBatch.MaxStringLength + 1);
        var records = Parse($$$"""[{"name":{"first":"A"}},{"phone":[1,2]},"just text",{"name":"{{{longText}}}"},{"name":"a","name":"b"}]""");

        var error = Assert.Throws<ValidationFailedException>(() => RecordBatch.Encode(records, Columns))!;

        Assert.That(error.Errors.Keys, Is.EquivalentTo(new[] { "records[0].name", "records[1].phone", "records[2]", "records[3].name", "records[4].name" }));
        Assert.That(error.Errors["records[3].name"][0], Does.Contain("10000"));
    }

    [Test]
    public void A_string_of_exactly_the_limit_passes_even_when_escapes_make_its_raw_text_longer()
    {
        // 10,000 characters written as \u0041 escapes: 60,000 bytes of raw JSON, 10,000 characters decoded.
        var escaped = string.Concat(Enumerable.Repeat("\\u0041", RecordBatch.MaxStringLength));
        var records = Parse($$"""[{"name":"{{escaped}}"}]""");

        Assert.DoesNotThrow(() => RecordBatch.Encode(records, Columns));
    }

    [Test]
    public void At_most_fifty_problems_are_reported()
    {
        var records = Parse("[" + string.Join(",", Enumerable.Repeat("""{"name":[1]}""", 200)) + "]");

        var error = Assert.Throws<ValidationFailedException>(() => RecordBatch.Encode(records, Columns))!;

        Assert.That(error.Errors, Has.Count.EqualTo(50));
    }

    [Test]
    public void Records_are_encoded_in_column_order_with_an_escaped_key_read_as_the_column_it_spells()
    {
        var records = Parse("""[{"vip":false,"na\u006de":"Ada","score":1.50},{"phone":"+1"}]""");

        var rows = RecordBatch.Encode(records, Columns);

        Assert.That(rows, Is.EqualTo(new[] { """["Ada",null,1.50,false]""", """[null,"+1",null,null]""" }));
    }

    [Test]
    public void A_duplicate_spelled_once_escaped_and_once_plain_is_still_a_duplicate()
    {
        var records = Parse("""[{"name":"a","n\u0061me":"b"}]""");

        var error = Assert.Throws<ValidationFailedException>(() => RecordBatch.Encode(records, Columns))!;

        Assert.That(error.Errors.Keys, Is.EqualTo(new[] { "records[0].name" }));
    }

    [Test]
    public void The_utf8_encoding_holds_the_same_rows_back_to_back()
    {
        var records = Parse("""[{"name":"Zoë","vip":true},{},{"score":-1e3,"phone":"+1 \"x\""}]""");

        var strings = RecordBatch.Encode(records, Columns);
        var utf8 = RecordBatch.EncodeUtf8(records, Columns);

        Assert.That(Enumerable.Range(0, utf8.Length).Select(i => System.Text.Encoding.UTF8.GetString(utf8[i])), Is.EqualTo(strings));
        Assert.That(strings[0], Is.EqualTo("""["Zoë",null,null,true]"""));
    }

    [Test]
    public void Text_that_is_not_valid_unicode_is_a_validation_error_with_its_path_whether_escaped_or_raw()
    {
        var raw = System.Text.Encoding.UTF8.GetBytes("""[{"name":"ok"},{"name":"\ud800"},{"phone":"bad XX"}]""");
        raw.AsSpan().Slice(raw.AsSpan().IndexOf("XX"u8), 2).Fill(0xFF);
        var records = RecordsJson.From(JsonDocument.Parse(raw).RootElement);

        var error = Assert.Throws<ValidationFailedException>(() => RecordBatch.Encode(records, Columns))!;

        Assert.That(error.Errors.Keys, Is.EquivalentTo(new[] { "records[1].name", "records[2].phone" }));
    }
}
