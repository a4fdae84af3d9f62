using CXGear.Client.Generated;
using CXGear.Client.Http;

namespace CXGear.Client;

/// <summary>What integrations and the <c>cxgear</c> tool do, named by intent rather than by generated operation id.</summary>
public sealed partial class CXGearClient
{
    // ---- Integration routes (API key) ----

    /// <summary>A table's id, name, columns and row count (key with <c>ingest</c>).</summary>
    public Task<PublicTableSchemaDto> GetTableSchemaAsync(Guid dataTableId, CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.PublicRead.GetTableSchemaAsync(dataTableId, cancellationToken));

    /// <summary>
    /// Adds 1–500 records (any value that serializes to a JSON array of flat objects) to a table (key with <c>ingest</c>).
    /// The same <paramref name="idempotencyKey"/> and records within 24 h are applied once: a resend is replayed
    /// (<see cref="IngestOutcome.Replayed"/>). Null = a fresh key, still reused by every retry of this call.
    /// </summary>
    public async Task<IngestOutcome> IngestAsync(Guid dataTableId, object records, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var capture = ResponseCapture.Begin();
        var request = new IngestRecordsRequest { DataTableId = dataTableId, Records = records };
        var result = await CallAsync(() => Raw.Public.IngestAsync(request, idempotencyKey ?? NewKey(), cancellationToken));
        return new IngestOutcome(result.Inserted, capture.Replayed, capture.Attempts);
    }

    /// <summary>Queues a job of a published spinner over its whole table, or over <paramref name="records"/> (key with <c>trigger</c>).</summary>
    public Task<JobQueuedDto> TriggerAsync(Guid spinnerId, object? records = null, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.Public.TriggerAsync(spinnerId, idempotencyKey ?? NewKey(), records is null ? null : new TriggerRequest { Records = records }, cancellationToken));

    /// <summary>A job's status and counts (key with <c>trigger</c>).</summary>
    public Task<JobDto> GetTriggeredJobAsync(Guid jobId, CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.PublicRead.GetJobAsync(jobId, cancellationToken));

    // ---- Account (user) ----

    /// <summary>Creates an organization and its first admin; the client then acts as that admin.</summary>
    public async Task<AuthResult> SignUpAsync(string organizationName, string fullName, string email, string password, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync(() => Raw.Auth.SignUpAsync(
            new SignUpRequest { OrganizationName = organizationName, FullName = fullName, Email = email, Password = password }, cancellationToken));
        _credential.Bearer = result.AccessToken;
        return result;
    }

    /// <summary>
    /// Signs in; the client then acts as that user. 409 <c>SESSION_CONFLICT</c> when the user has a live session on
    /// another device, unless <paramref name="takeover"/> ends it.
    /// </summary>
    public async Task<AuthResult> SignInAsync(string email, string password, string? deviceLabel = null, bool takeover = false, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync(() => Raw.Auth.LoginAsync(
            new LoginRequest { Email = email, Password = password, DeviceLabel = deviceLabel, Takeover = takeover }, cancellationToken));
        _credential.Bearer = result.AccessToken;
        return result;
    }

    /// <summary>Ends the session server-side and forgets the token.</summary>
    public async Task SignOutAsync(CancellationToken cancellationToken = default)
    {
        await CallAsync(() => Raw.Auth.LogoutAsync(cancellationToken));
        _credential.Bearer = null;
    }

    public Task<PagedResultOfApiKeyDto> ListApiKeysAsync(int page = 1, int pageSize = 50, CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.ApiKeys.ListAsync(page, pageSize, cancellationToken));

    /// <summary>Creates a key; its <c>secret</c> is in this answer only.</summary>
    public Task<CreatedApiKeyDto> CreateApiKeyAsync(string name, IEnumerable<string> scopes, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.ApiKeys.CreateAsync(new CreateApiKeyRequest { Name = name, Scopes = [.. scopes], ExpiresAt = expiresAt }, cancellationToken));

    public Task RevokeApiKeyAsync(Guid id, CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.ApiKeys.RevokeAsync(id, cancellationToken));

    // ---- Projects, tables, spinners, jobs (user) ----

    public Task<ProjectDto> CreateProjectAsync(string name, string type = "outreach", CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.Projects.CreateAsync(new CreateProjectRequest { Name = name, Type = type }, cancellationToken));

    public Task<DataTableDto> CreateDataTableAsync(Guid projectId, string name, IEnumerable<string>? columns = null, CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.DataTables.CreateAsync(projectId, new CreateDataTableRequest { Name = name, Columns = columns?.ToList() }, cancellationToken));

    public Task<DataTableDto> GetDataTableAsync(Guid id, CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.DataTables.GetAsync(id, cancellationToken));

    public Task<PagedResultOfDataRowDto> GetRowsAsync(Guid dataTableId, int page = 1, int pageSize = 200, CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.DataTables.RowsAsync(dataTableId, page, pageSize, cancellationToken));

    /// <summary>A spinner draft; <paramref name="definition"/> serializes to <c>{ "steps": [ … ] }</c>.</summary>
    public Task<SpinnerDto> CreateSpinnerAsync(Guid projectId, string name, Guid dataTableId, object definition, CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.Spinners.CreateAsync(projectId, new CreateSpinnerRequest { Name = name, DataTableId = dataTableId, Definition = definition }, cancellationToken));

    public Task<PublishedSpinnerDto> PublishSpinnerAsync(Guid id, CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.Spinners.PublishAsync(id, cancellationToken));

    public Task<JobDto> GetJobAsync(Guid id, CancellationToken cancellationToken = default) =>
        CallAsync(() => Raw.Jobs.GetAsync(id, cancellationToken));

    private static string NewKey() => Guid.NewGuid().ToString("N");
}

/// <summary>An ingest's answer: rows inserted (by the first execution, when replayed), and how it went.</summary>
public sealed record IngestOutcome(long Inserted, bool Replayed, int Attempts);
