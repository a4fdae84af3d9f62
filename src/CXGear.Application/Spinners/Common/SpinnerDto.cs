using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using CXGear.Domain.Spinners;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Common;

public sealed record StartWhenDto(string Field, [property: JsonPropertyName("equals")] string EqualsText);

public sealed record SpinnerScheduleDto(string Cron, string TimeZone, bool Enabled, DateTime? NextDueAt);

/// <summary>
/// A spinner with its draft. <c>kind</c> is <c>main</c> or <c>supporting</c>; <c>status</c> is <c>draft</c> until the
/// first publish, then <c>published</c> (the draft may still differ from <c>currentVersion</c>). <c>archivedAt</c> is set
/// once <c>DELETE /spinners/{id}</c> archived it: still readable, never changed or run again.
/// </summary>
public sealed record SpinnerDto(
    Guid Id,
    Guid ProjectId,
    Guid DataTableId,
    string Name,
    string Kind,
    string Status,
    int? CurrentVersion,
    JsonElement Definition,
    Guid? ParentSpinnerId,
    StartWhenDto? StartWhen,
    SpinnerScheduleDto? Schedule,
    Guid CreatedByUserId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ArchivedAt)
{
    public static SpinnerDto From(Spinner spinner) =>
        new(
            spinner.Id,
            spinner.ProjectId,
            spinner.DataTableId,
            spinner.Name,
            spinner.IsSupporting ? "supporting" : "main",
            spinner.IsPublished ? "published" : "draft",
            spinner.IsPublished ? spinner.CurrentVersion : null,
            SpinnerJson.Element(spinner.DraftDefinition),
            spinner.ParentSpinnerId,
            spinner.StartWhen is { } when ? new StartWhenDto(when.Field, when.EqualsText) : null,
            spinner.HasSchedule
                ? new SpinnerScheduleDto(spinner.ScheduleCron!, spinner.ScheduleTimeZone!, spinner.ScheduleEnabled, spinner.ScheduleNextDueAt)
                : null,
            spinner.CreatedByUserId,
            spinner.CreatedAt,
            spinner.UpdatedAt,
            spinner.ArchivedAt);
}

public sealed record SpinnerVersionDto(int Version, JsonElement Definition, DateTime PublishedAt, Guid PublishedByUserId)
{
    /// <summary>The one mapping: lists select with it, single reads compile it.</summary>
    public static readonly Expression<Func<SpinnerVersion, SpinnerVersionDto>> Projection = version =>
        new SpinnerVersionDto(version.Version, SpinnerJson.Element(version.Definition), version.PublishedAt, version.PublishedByUserId);

    private static readonly Func<SpinnerVersion, SpinnerVersionDto> Compiled = Projection.Compile();

    public static SpinnerVersionDto From(SpinnerVersion version) => Compiled(version);
}

public sealed record PublishedSpinnerDto(int Version);

internal static class SpinnerJson
{
    /// <summary>
    /// A stored definition as every read shows it: a literal credential in an api_call header (saved before the vault
    /// existed) is masked. Stored definitions are canonical JSON written by the domain, so they always parse.
    /// </summary>
    public static JsonElement Element(string json)
    {
        var masked = SpinnerDefinition.Parse(json).Definition?.WithCredentialsMasked().ToJson() ?? json;
        using var document = JsonDocument.Parse(masked);
        return document.RootElement.Clone();
    }
}
