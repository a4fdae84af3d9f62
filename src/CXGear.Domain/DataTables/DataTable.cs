using CXGear.Domain.Billing;
using CXGear.Domain.Common;

namespace CXGear.Domain.DataTables;

/// <summary>
/// Source rows of a project (leads, call rows). The first CSV import defines the ordered columns; every later
/// append must use exactly those columns. Rows live in <see cref="DataRow"/>, numbered by a per-table sequence
/// that this entity hands out, so the rows' insertion order is stable and pages are cheap at millions of rows.
/// </summary>
public sealed class DataTable : IHoldsMeterUnits
{
    public const int MaxNameLength = 200;

    private List<string> _columns = [];
    private List<string> _metadataFields = [];

    private DataTable()
    {
        Name = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid ProjectId { get; private set; }
    public string Name { get; private set; }
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The columns copied into a job record's payload; empty means "never chosen" (all columns are used).</summary>
    public IReadOnlyList<string> MetadataFields => _metadataFields;

    public long RowCount { get; private set; }

    /// <summary>The sequence of the last row written; rows of one table are numbered 1, 2, 3… without gaps.</summary>
    public long LastSequence { get; private set; }

    public Guid CreatedByUserId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>
    /// The webhook secret (<c>cxgt_…</c>) is kept only as its lookup prefix (what the UI shows) and the SHA-256
    /// of the whole token; the token itself is shown once. Null until the first rotation.
    /// </summary>
    public string? IngestTokenPrefix { get; private set; }

    public byte[]? IngestTokenHash { get; private set; }
    public DateTime? IngestTokenIssuedAt { get; private set; }
    public DateTime? IngestTokenLastUsedAt { get; private set; }

    /// <summary>
    /// Switched off by the table's owners (<c>PUT …/ingest-webhook {enabled: false}</c>): the token is kept but refused like
    /// an unknown one until switched on again. Independent of rotation, which neither enables nor disables.
    /// </summary>
    public bool IngestWebhookDisabled { get; private set; }

    /// <summary>The webhook takes calls: a token was issued and the webhook is not switched off.</summary>
    public bool IngestEnabled => IngestTokenHash is not null && !IngestWebhookDisabled;

    /// <summary>
    /// Switches the webhook on or off; the token is unchanged, so switching it back on makes the same token work again.
    /// A table that never had a token cannot be switched on (409 CONFLICT: rotate to issue one, which enables it).
    /// </summary>
    public void SetIngestWebhookEnabled(bool enabled, DateTime now)
    {
        if (enabled && IngestTokenHash is null)
        {
            throw new CXGearException(ErrorCodes.Conflict, "The table has no ingest token yet: issue one with POST …/ingest-webhook/rotate.");
        }

        if (IngestWebhookDisabled == !enabled)
        {
            return;
        }

        IngestWebhookDisabled = !enabled;
        UpdatedAt = now;
    }

    public bool HasColumns => _columns.Count > 0;

    public static DataTable Create(Guid organizationId, Guid projectId, string name, IEnumerable<string>? columns, Guid createdBy, DateTime now) =>
        new()
        {
            Id = Ids.New(now),
            OrganizationId = organizationId,
            ProjectId = projectId,
            Name = ValidName(name),
            _columns = columns is null ? [] : DataTableColumns.Validate(columns).ToList(),
            CreatedByUserId = createdBy,
            CreatedAt = now,
            UpdatedAt = now,
        };

    /// <summary>A table holds one Data tables unit from creation to deletion.</summary>
    public IEnumerable<MeterChange> HeldUnits() => [new MeterChange(OrganizationId, Meter.DataTables, 1)];

    /// <summary>
    /// A CSV import's header becomes the columns. Only an empty table takes a new structure, unless the caller
    /// replaces its rows (then the caller deletes them and numbering starts again at 1).
    /// </summary>
    public void DefineColumns(IEnumerable<string> columns, bool replaceRows, DateTime now)
    {
        var valid = DataTableColumns.Validate(columns);
        if (RowCount > 0 && !replaceRows)
        {
            throw new CXGearException(ErrorCodes.Conflict, "The table already has rows: import with replace=true to replace them, or append instead.");
        }

        _columns = valid.ToList();

        // Metadata fields that survive the new structure stay chosen; the others no longer exist.
        _metadataFields = _metadataFields.Where(f => _columns.Contains(f, StringComparer.Ordinal)).ToList();
        RowCount = 0;
        LastSequence = 0;
        UpdatedAt = now;
    }

    /// <summary>
    /// Where each column's value sits in an append's header: <c>result[i]</c> is the header position of column i.
    /// The header must name exactly the columns (any order); otherwise SCHEMA_MISMATCH names the missing and unknown ones.
    /// </summary>
    public int[] MapHeader(IReadOnlyList<string> header) => DataTableColumns.MapHeader(_columns, header);

    /// <summary>Numbers <paramref name="count"/> new rows; returns the first sequence. The caller writes the rows.</summary>
    public long AppendRows(int count, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!HasColumns)
        {
            throw new CXGearException(ErrorCodes.Conflict, "The table has no columns yet: import a CSV first.");
        }

        var first = LastSequence + 1;
        LastSequence += count;
        RowCount += count;
        UpdatedAt = now;
        return first;
    }

    public void SetMetadataFields(IEnumerable<string> fields, DateTime now)
    {
        var list = (fields ?? throw new ArgumentNullException(nameof(fields))).ToList();
        var unknown = list.Where(f => !_columns.Contains(f, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw DataTableColumns.Invalid("fields", $"Metadata fields must be columns of the table; unknown: {string.Join(", ", unknown)}.");
        }

        if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            throw DataTableColumns.Invalid("fields", "Metadata fields must not repeat.");
        }

        // Kept in the table's column order, so payloads read the same whatever order the client sent.
        _metadataFields = _columns.Where(list.Contains).ToList();
        UpdatedAt = now;
    }

    /// <summary>Issues a new ingest token; the previous one (if any) stops working at once.</summary>
    public void RotateIngestToken(string prefix, byte[] hash, DateTime now)
    {
        IngestTokenPrefix = prefix;
        IngestTokenHash = hash;
        IngestTokenIssuedAt = now;
        IngestTokenLastUsedAt = null;
        UpdatedAt = now;
    }

    private static string ValidName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        return trimmed.Length is > 0 and <= MaxNameLength
            ? trimmed
            : throw DataTableColumns.Invalid("name", $"Data table name is required and at most {MaxNameLength} characters.");
    }
}
