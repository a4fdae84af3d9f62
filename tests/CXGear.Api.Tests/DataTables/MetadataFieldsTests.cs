using System.Net;

namespace CXGear.Api.Tests.DataTables;

public sealed class MetadataFieldsTests : DataTablesTestBase
{
    [Test]
    public async Task Metadata_fields_are_a_subset_of_the_columns_kept_in_column_order()
    {
        var (admin, _, table) = await ArrangeTableAsync(["name", "phone", "email"]);

        var response = await SendAsync(HttpMethod.Put, $"/api/v1/data-tables/{table}/metadata-fields", new { fields = new[] { "email", "name" } }, admin.AccessToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(Strings((await JsonAsync(response))["metadataFields"]), Is.EqualTo(new[] { "name", "email" }));
        Assert.That(Strings((await TableAsync(admin.AccessToken, table))["metadataFields"]), Is.EqualTo(new[] { "name", "email" }));
        var cleared = await JsonAsync(await SendAsync(HttpMethod.Put, $"/api/v1/data-tables/{table}/metadata-fields", new { fields = Array.Empty<string>() }, admin.AccessToken));
        Assert.That(Strings(cleared["metadataFields"]), Is.Empty);
    }

    [Test]
    public async Task Unknown_repeated_or_missing_fields_are_validation_errors()
    {
        var (admin, _, table) = await ArrangeTableAsync(["name", "phone"]);
        var url = $"/api/v1/data-tables/{table}/metadata-fields";

        var unknown = await AssertProblemAsync(await SendAsync(HttpMethod.Put, url, new { fields = new[] { "name", "Name" } }, admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var repeated = await AssertProblemAsync(await SendAsync(HttpMethod.Put, url, new { fields = new[] { "name", "name" } }, admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var missing = await AssertProblemAsync(await SendAsync(HttpMethod.Put, url, new { }, admin.AccessToken), HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        Assert.That((string?)unknown["message"], Does.Contain("Name"));
        Assert.That(unknown["errors"]!["fields"], Is.Not.Null);
        Assert.That(repeated["errors"]!["fields"], Is.Not.Null);
        Assert.That(missing["errors"]!["fields"], Is.Not.Null);
        Assert.That(Strings((await TableAsync(admin.AccessToken, table))["metadataFields"]), Is.Empty);
    }
}
