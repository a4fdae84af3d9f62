using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CXGear.Api.Tests.Infrastructure;
using CXGear.Domain.Authorization;

namespace CXGear.Api.Tests.DataTables;

/// <summary>
/// CSV uploads arrive at the client's pace, so they are received into a spool file before the command takes SQLite's
/// write turn (docs/decisions/0024-upload-spool.md): a held upload stalls no other tenant, an upload past its deadline is
/// refused, and the spool file is gone afterwards whatever the outcome.
/// </summary>
public sealed class CsvUploadSpoolTests : PublicIngestTestBase
{
    private const int DeadlineSeconds = 30;

    /// <summary>Only a failure guard: every wait below ends on an event long before it.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly string _spool = Path.Combine(Path.GetTempPath(), "cxgear-tests", "spool-" + Guid.NewGuid().ToString("N"));

    protected override void Configure(CXGearApiFactory factory)
    {
        factory.Settings["Uploads:SpoolDirectory"] = _spool;
        factory.Settings["Uploads:BodyTimeoutSeconds"] = DeadlineSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A client that streams bodies as they are written: the default test client follows redirects, and to be able to
    /// resend a body it reads the whole of it before sending anything, which would hold the request at the client.
    /// </summary>
    private HttpClient _streaming = null!;

    [OneTimeSetUp]
    public void CreateStreamingClient() =>
        _streaming = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [OneTimeTearDown]
    public void RemoveSpool()
    {
        _streaming.Dispose();
        if (Directory.Exists(_spool))
        {
            Directory.Delete(_spool, recursive: true);
        }
    }

    [Test]
    public async Task A_held_upload_does_not_stall_another_tenants_ingest_or_login()
    {
        var (uploader, _, table) = await ArrangeTableAsync();
        var other = await ArrangeAsync();
        var body = new HeldCsvContent("name,phone\n" + People(0, 12_000), People(12_000, 3));
        var import = StreamAsync(uploader.AccessToken, $"/api/v1/data-tables/{table}/import", body);
        try
        {
            await WithinGuardAsync(body.Consumed, "the server never started reading the upload");

            var ingest = IngestAsync(other.Key, other.TableId, Records(3));
            var login = LoginRawAsync(other.Admin.Email, takeover: true);

            await WithinGuardAsync(Task.WhenAll(ingest, login), "the other tenant's ingest and login waited for the held upload");
            Assert.That(import.IsCompleted, Is.False, "the upload is still being held by its client");
            await OkAsync(await ingest, 3);
            Assert.That((await login).StatusCode, Is.EqualTo(HttpStatusCode.OK), await (await login).Content.ReadAsStringAsync());
            Assert.That(SpoolFiles(), Has.Length.EqualTo(1), "the body waits in one spool file, not in the transaction");

            body.Release();
            var response = await WithinGuardAsync(import, "the released upload did not finish");

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            Assert.That((long)(await JsonAsync(response))["inserted"]!, Is.EqualTo(12_003));
            var last = await RowsAsync(uploader.AccessToken, table, "?page=61&pageSize=200");
            Assert.That((int)last["total"]!, Is.EqualTo(12_003));
            Assert.That(Values(last["items"]!.AsArray().Last()!), Is.EqualTo(new[] { "name=Person 12002", "phone=+1555012002" }), "the tail sent after the hold landed");
            Assert.That(SpoolFiles(), Is.Empty, "the spool file is deleted after a success");
        }
        finally
        {
            body.Release();
        }
    }

    [Test]
    public async Task An_upload_still_arriving_at_its_deadline_is_408_request_timeout_and_writes_nothing()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        await ImportAsync(admin.AccessToken, table, "name,phone\nAda,1\n");
        var body = new HeldCsvContent("name,phone\n" + People(0, 12_000), People(12_000, 1));
        var append = StreamAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/append", body);
        try
        {
            await WithinGuardAsync(body.Consumed, "the server never started reading the upload");
            Assert.That(SpoolFiles(), Has.Length.EqualTo(1));

            Advance(TimeSpan.FromSeconds(DeadlineSeconds + 1));
            var response = await WithinGuardAsync(append, "the deadline did not end the upload");

            var problem = await AssertProblemAsync(response, HttpStatusCode.RequestTimeout, "REQUEST_TIMEOUT");
            Assert.That((string?)problem["message"], Does.Contain($"{DeadlineSeconds} seconds"));
            Assert.That((long)(await TableAsync(admin.AccessToken, table))["rowCount"]!, Is.EqualTo(1), "nothing of the upload was written");
            Assert.That((int)(await RowsAsync(admin.AccessToken, table))["total"]!, Is.EqualTo(1));
            Assert.That(SpoolFiles(), Is.Empty, "the spool file is deleted after a failure");
        }
        finally
        {
            body.Abandon();
        }
    }

    [Test]
    public async Task A_rejected_upload_leaves_no_rows_moves_no_meter_and_leaves_no_spool_file()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        await ImportAsync(admin.AccessToken, table, "name,phone\nAda,1\n");
        var meters = await MetersAsync(admin);

        var problem = await AssertProblemAsync(
            await CsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/append", "name,phone\n" + People(0, 2_500) + "short\n"),
            HttpStatusCode.BadRequest,
            "VALIDATION_ERROR");

        Assert.That((int)problem["line"]!, Is.EqualTo(2_502));
        Assert.That((long)(await TableAsync(admin.AccessToken, table))["rowCount"]!, Is.EqualTo(1));
        Assert.That((int)(await RowsAsync(admin.AccessToken, table))["total"]!, Is.EqualTo(1));
        Assert.That(await MetersAsync(admin), Is.EqualTo(meters), "no meter moved");
        Assert.That(SpoolFiles(), Is.Empty);
    }

    [Test]
    public async Task A_multipart_upload_is_spooled_too_and_its_file_deleted()
    {
        var (admin, _, table) = await ArrangeTableAsync();

        var response = await MultipartCsvAsync(admin.AccessToken, $"/api/v1/data-tables/{table}/import", "email\nada@example.com\n");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(Values((await RowsAsync(admin.AccessToken, table))["items"]![0]!), Is.EqualTo(new[] { "email=ada@example.com" }));
        Assert.That(SpoolFiles(), Is.Empty);
    }

    [Test]
    public async Task A_malformed_or_cut_short_multipart_body_is_a_validation_error_and_leaves_no_spool_file()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        var url = $"/api/v1/data-tables/{table}/import";
        const string start = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n";

        var oversizedHeader = await SendContentAsync(admin.AccessToken, url, Multipart(start + "X-Padding: " + new string('x', 20_000) + "\r\n\r\nname\nAda\n--b--\r\n"));
        var cutShort = await SendContentAsync(admin.AccessToken, url, Multipart(start + "\r\nname\nAda\n"));

        await AssertProblemAsync(oversizedHeader, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertProblemAsync(cutShort, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.That(Strings((await TableAsync(admin.AccessToken, table))["columns"]), Is.Empty);
        Assert.That(SpoolFiles(), Is.Empty);
    }

    [Test]
    public async Task A_member_without_the_permission_is_refused_before_the_body_is_received()
    {
        var (admin, _, table) = await ArrangeTableAsync();
        var agent = await InviteAgentAsync(admin);
        var body = new HeldCsvContent("name,phone\n" + People(0, 12_000), People(12_000, 1));
        try
        {
            var response = await WithinGuardAsync(
                StreamAsync(agent.AccessToken, $"/api/v1/data-tables/{table}/import", body),
                "a refused member's upload was received before the refusal");

            await AssertProblemAsync(response, HttpStatusCode.Forbidden, "FORBIDDEN");
            Assert.That(SpoolFiles(), Is.Empty);
        }
        finally
        {
            body.Abandon();
        }
    }

    [Test]
    public void A_deadline_that_is_not_positive_stops_start_up()
    {
        using var misconfigured = new CXGearApiFactory();
        misconfigured.Settings["Uploads:BodyTimeoutSeconds"] = "0";

        Assert.That(() => misconfigured.CreateClient(), Throws.Exception.With.Message.Contains("Uploads:BodyTimeoutSeconds"));
    }

    private static ByteArrayContent Multipart(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        return content;
    }

    private static string People(int from, int count)
    {
        var csv = new StringBuilder();
        for (var i = from; i < from + count; i++)
        {
            csv.Append("Person ").Append(i).Append(",+1555").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }

    private Task<HttpResponseMessage> StreamAsync(string token, string url, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return _streaming.SendAsync(request);
    }

    private string[] SpoolFiles() => Directory.Exists(_spool) ? Directory.GetFiles(_spool) : [];

    private async Task<string> MetersAsync(Signed admin)
    {
        var response = await GetAsync("/api/v1/billing", admin.AccessToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))["meters"]!.ToJsonString();
    }

    private async Task<Signed> InviteAgentAsync(Signed admin)
    {
        var email = UniqueEmail("agent");
        await Seed.MemberAsync(Factory, admin.OrganizationId, email, Password, SystemRoles.AgentId);
        return await LoginAsync(email);
    }

    private static async Task WithinGuardAsync(Task task, string because)
    {
        if (await Task.WhenAny(task, Task.Delay(Guard)) != task)
        {
            Assert.Fail($"Still waiting after {Guard.TotalSeconds} s: {because}.");
        }

        await task;
    }

    private static async Task<T> WithinGuardAsync<T>(Task<T> task, string because)
    {
        await WithinGuardAsync((Task)task, because);
        return await task;
    }
}
