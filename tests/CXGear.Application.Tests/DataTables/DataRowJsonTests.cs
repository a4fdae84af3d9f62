using System.Text.Json;
using CXGear.Application.DataTables.Common;

namespace CXGear.Application.Tests.DataTables;

public sealed class DataRowJsonTests
{
    [Test]
    public void Fields_are_stored_in_column_order_as_a_json_array_with_text_unescaped()
    {
        var json = new DataRowJson();

        var stored = json.FromFields(["+1555", "Zoë \"Z\""], [1, 0]);

        Assert.That(stored, Is.EqualTo("[\"Zoë \\\"Z\\\"\",\"+1555\"]"));
    }

    [Test]
    public void One_instance_serves_many_rows()
    {
        var json = new DataRowJson();

        var first = json.FromFields(["a"], [0]);
        var second = json.FromFields(["b"], [0]);

        Assert.That((first, second), Is.EqualTo(("[\"a\"]", "[\"b\"]")));
    }

    [Test]
    public void A_record_keeps_value_types_and_stores_a_missing_column_as_null()
    {
        using var document = JsonDocument.Parse("""{"age": 42, "vip": true, "name": "Ada"}""");
        var record = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);

        var stored = new DataRowJson().FromRecord(["name", "phone", "age", "vip"], record);

        Assert.That(stored, Is.EqualTo("""["Ada",null,42,true]"""));
    }

    [Test]
    public void Stored_values_read_back_by_column()
    {
        var values = DataRowJson.ToObject(["name", "age"], """["Ada",42]""");

        Assert.That(values.Keys, Is.EqualTo(new[] { "name", "age" }));
        Assert.That(values["name"].GetString(), Is.EqualTo("Ada"));
        Assert.That(values["age"].GetInt32(), Is.EqualTo(42));
    }
}
