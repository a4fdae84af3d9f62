using System.Text.RegularExpressions;
using Cronos;
using CXGear.Domain.Spinners.Definitions;

namespace CXGear.Application.Spinners.Schedules;

/// <summary>
/// <c>{cron, timeZone, enabled}</c>: a standard 5-field cron expression read in an IANA time zone. It lives in the
/// application layer because the domain takes no packages and cron parsing is Cronos's. Occurrences follow wall-clock
/// time in the zone, so "0 9 * * *" stays at 09:00 local across DST changes; a time skipped by a spring-forward gap
/// fires at the end of the gap, and a time repeated by a fall-back fires once (Cronos's rules).
/// </summary>
public sealed partial class SpinnerSchedule
{
    public const int MaxCronLength = 100;

    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    private SpinnerSchedule(string cron, CronExpression expression, TimeZoneInfo zone, bool enabled)
    {
        Cron = cron;
        _expression = expression;
        _zone = zone;
        Enabled = enabled;
    }

    /// <summary>As submitted, trimmed; stored so the client reads back what it wrote.</summary>
    public string Cron { get; }

    /// <summary>The IANA id, e.g. <c>Europe/Lisbon</c>.</summary>
    public string TimeZone => _zone.Id;

    public bool Enabled { get; }

    /// <summary>
    /// Builds a schedule or returns every problem, at the paths <c>cron</c> and <c>timeZone</c> (prefix them with the
    /// request's own path as needed).
    /// </summary>
    public static bool TryCreate(string? cron, string? timeZone, bool enabled, out SpinnerSchedule? schedule, out IReadOnlyList<DefinitionError> errors)
    {
        var found = new List<DefinitionError>();
        var expression = ParseCron(cron?.Trim(), found);
        var zone = FindZone(timeZone?.Trim(), found);
        errors = found;
        schedule = expression is not null && zone is not null ? new SpinnerSchedule(cron!.Trim(), expression, zone, enabled) : null;
        return schedule is not null;
    }

    /// <summary>The first due time strictly after <paramref name="after"/>, in UTC; null when disabled or when the expression never fires again.</summary>
    public DateTimeOffset? NextOccurrence(DateTimeOffset after)
    {
        if (!Enabled)
        {
            return null;
        }

        var next = _expression.GetNextOccurrence(after.UtcDateTime, _zone);
        return next is null ? null : new DateTimeOffset(next.Value, TimeSpan.Zero);
    }

    private static CronExpression? ParseCron(string? cron, List<DefinitionError> errors)
    {
        if (string.IsNullOrEmpty(cron) || cron.Length > MaxCronLength)
        {
            errors.Add(new DefinitionError("cron", $"'cron' is a 5-field cron expression of at most {MaxCronLength} characters."));
            return null;
        }

        // Cronos would also take 6 fields with CronFormat.IncludeSeconds; Standard refuses them, as the contract asks.
        if (!CronExpression.TryParse(cron, CronFormat.Standard, out var expression))
        {
            errors.Add(new DefinitionError("cron", $"'{cron}' is not a valid 5-field cron expression (minute hour day-of-month month day-of-week)."));
            return null;
        }

        return expression;
    }

    private static TimeZoneInfo? FindZone(string? id, List<DefinitionError> errors)
    {
        // The id becomes a file path under the OS zone database on Linux; the pattern keeps it a plain zone name.
        if (string.IsNullOrEmpty(id) || !ZoneIdPattern().IsMatch(id) || id.Contains("..", StringComparison.Ordinal)
            || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
        {
            errors.Add(new DefinitionError("timeZone", $"'{id}' is not an IANA time zone such as Europe/Lisbon or UTC."));
            return null;
        }

        return zone;
    }

    [GeneratedRegex("^[A-Za-z0-9_+/-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneIdPattern();
}
