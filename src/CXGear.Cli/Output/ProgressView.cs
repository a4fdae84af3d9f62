using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace CXGear.Cli.Output;

/// <summary>
/// Shows a count moving towards a total while some work runs: a Spectre.Console progress bar with the rate and ETA on
/// a terminal, or one plain line every few seconds when the output is redirected (logs, CI, tests), where a redrawn
/// bar would be noise. The total may grow or be unknown (0) at first, e.g. while a job is still counting its records.
/// </summary>
internal sealed class ProgressView(string label, string unit, bool interactive, TextWriter plain, TimeSpan plainInterval)
{
    public static ProgressView For(string label, string unit) =>
        new(label, unit, !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive, Console.Out, TimeSpan.FromSeconds(2));

    /// <summary>Runs until <paramref name="work"/> ends, polling <paramref name="read"/> for (done, total).</summary>
    public async Task<T> ShowAsync<T>(Task<T> work, Func<(long Done, long Total)> read)
    {
        var clock = Stopwatch.StartNew();
        // A resumed load starts with rows already done: the rate counts this run's only.
        var baseline = read().Done;
        if (interactive)
        {
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(label, maxValue: 1);
                    while (true)
                    {
                        var (done, total) = read();
                        task.MaxValue = Math.Max(1, Math.Max(total, done));
                        task.Value = done;
                        task.Description = Markup.Escape($"{label} {Line(done, total, baseline, clock.Elapsed)}");
                        if (work.IsCompleted)
                        {
                            return;
                        }

                        await Task.WhenAny(work, Task.Delay(200));
                    }
                });
        }
        else
        {
            while (!work.IsCompleted)
            {
                await Task.WhenAny(work, Task.Delay(plainInterval));
                if (!work.IsCompleted)
                {
                    var (done, total) = read();
                    await plain.WriteLineAsync($"{label}: {Line(done, total, baseline, clock.Elapsed)}");
                }
            }
        }

        return await work;
    }

    /// <summary><c>12,000/20,000 rows (60 %), 9,800 rows/s, ETA 0:00:01</c>.</summary>
    public string Line(long done, long total, long baseline, TimeSpan elapsed)
    {
        var culture = CultureInfo.InvariantCulture;
        var rate = elapsed.TotalSeconds > 0 ? (done - baseline) / elapsed.TotalSeconds : 0;
        var text = total > 0
            ? string.Format(culture, "{0:N0}/{1:N0} {2} ({3:0}%), {4:N0} {2}/s", done, total, unit, 100.0 * done / total, rate)
            : string.Format(culture, "{0:N0} {1}, {2:N0} {1}/s", done, unit, rate);
        if (total > done && rate > 0)
        {
            text += $", ETA {TimeSpan.FromSeconds(Math.Ceiling((total - done) / rate)):g}";
        }

        return text;
    }
}
