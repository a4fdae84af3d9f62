using CXGear.Domain.Common;
using CXGear.Domain.DataTables;

namespace CXGear.Domain.Tests.DataTables;

public sealed class DataTableTests
{
    private static readonly DateTime Now = new(2026, 3, 3, 8, 0, 0, DateTimeKind.Utc);

    private static DataTable Table(params string[] columns) =>
        DataTable.Create(Guid.NewGuid(), Guid.NewGuid(), "  Leads ", columns.Length == 0 ? null : columns, Guid.NewGuid(), Now);

    private static CXGearException Throws(Action action) => Assert.Throws<CXGearException>(() => action())!;

    [Test]
    public void Create_trims_the_name_and_columns_and_starts_empty()
    {
        var table = Table(" name ", "phone");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(table.Name, Is.EqualTo("Leads"));
            Assert.That(table.Columns, Is.EqualTo(new[] { "name", "phone" }));
            Assert.That(table.RowCount, Is.Zero);
            Assert.That(table.IngestEnabled, Is.False);
            Assert.That(table.Id.Version, Is.EqualTo(7));
        }
    }

    [Test]
    public void Columns_must_be_named_unique_and_bounded_but_case_matters()
    {
        Assert.That(Throws(() => Table("a", " a")).Code, Is.EqualTo(ErrorCodes.ValidationError));
        Assert.That(Throws(() => Table("a", "")).Code, Is.EqualTo(ErrorCodes.ValidationError));
        Assert.That(Throws(() => Table(new string('x', DataTableColumns.MaxColumnLength + 1))).Code, Is.EqualTo(ErrorCodes.ValidationError));
        Assert.That(Throws(() => Table(Enumerable.Range(0, DataTableColumns.MaxColumns + 1).Select(i => $"c{i}").ToArray())).Code, Is.EqualTo(ErrorCodes.ValidationError));
        Assert.That(Table("Email", "email").Columns, Has.Count.EqualTo(2));
    }

    [Test]
    public void Rows_are_numbered_from_one_without_gaps()
    {
        var table = Table("name");

        var first = table.AppendRows(3, Now);
        var second = table.AppendRows(2, Now);

        Assert.That((first, second, table.RowCount, table.LastSequence), Is.EqualTo((1L, 4L, 5L, 5L)));
    }

    [Test]
    public void Rows_need_columns()
    {
        Assert.That(Throws(() => Table().AppendRows(1, Now)).Code, Is.EqualTo(ErrorCodes.Conflict));
    }

    [Test]
    public void A_new_structure_needs_an_empty_table_or_a_replace_which_restarts_numbering()
    {
        var table = Table("name", "phone");
        table.SetMetadataFields(["phone"], Now);
        table.AppendRows(2, Now);

        Assert.That(Throws(() => table.DefineColumns(["email"], replaceRows: false, Now)).Code, Is.EqualTo(ErrorCodes.Conflict));
        table.DefineColumns(["email", "phone"], replaceRows: true, Now);

        Assert.That(table.Columns, Is.EqualTo(new[] { "email", "phone" }));
        Assert.That(table.MetadataFields, Is.EqualTo(new[] { "phone" }));
        Assert.That(table.AppendRows(1, Now), Is.EqualTo(1));
    }

    [Test]
    public void A_header_must_equal_the_columns_in_order()
    {
        var table = Table("name", "phone", "email");

        Assert.That(table.MapHeader([" name", "phone", "email"]), Is.EqualTo(new[] { 0, 1, 2 }));
        var error = Throws(() => table.MapHeader(["email", "name", "phone"]));
        Assert.That(error.Code, Is.EqualTo(ErrorCodes.SchemaMismatch));
        Assert.That((error.Extensions["unknownColumns"], error.Extensions["missingColumns"]), Is.EqualTo((Array.Empty<string>(), Array.Empty<string>())));
        Assert.That(error.Message, Does.Contain("name, phone, email"));
    }

    [Test]
    public void A_header_with_other_columns_is_a_schema_mismatch_naming_them()
    {
        var table = Table("name", "phone");

        var error = Throws(() => table.MapHeader(["name", "Phone", "email"]));

        Assert.That(error.Code, Is.EqualTo(ErrorCodes.SchemaMismatch));
        Assert.That(error.Extensions["missingColumns"], Is.EqualTo(new[] { "phone" }));
        Assert.That(error.Extensions["unknownColumns"], Is.EqualTo(new[] { "Phone", "email" }));
        Assert.That(error.Extensions["columns"], Is.EqualTo(new[] { "name", "phone" }));
    }

    [Test]
    public void Metadata_fields_must_be_distinct_columns()
    {
        var table = Table("name", "phone");

        Assert.That(Throws(() => table.SetMetadataFields(["nope"], Now)).Code, Is.EqualTo(ErrorCodes.ValidationError));
        Assert.That(Throws(() => table.SetMetadataFields(["name", "name"], Now)).Code, Is.EqualTo(ErrorCodes.ValidationError));
        table.SetMetadataFields(["phone", "name"], Now);
        Assert.That(table.MetadataFields, Is.EqualTo(new[] { "name", "phone" }));
    }

    [Test]
    public void Rotation_replaces_the_token()
    {
        var table = Table("name");
        table.RotateIngestToken("cxgt_AAAAAAAA", [1], Now);

        table.RotateIngestToken("cxgt_BBBBBBBB", [2], Now.AddMinutes(2));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(table.IngestTokenPrefix, Is.EqualTo("cxgt_BBBBBBBB"));
            Assert.That(table.IngestTokenHash, Is.EqualTo(new byte[] { 2 }));
            Assert.That(table.IngestTokenLastUsedAt, Is.Null, "a new token has not been used yet");
            Assert.That(table.IngestEnabled, Is.True);
        }
    }
}
