using CXGear.Domain.Spinners;

namespace CXGear.Application.Spinners.Common;

/// <summary>
/// The spinners that can still change, run, schedule or parent: not archived. Every list and every change reads
/// through it; reads of one spinner, its versions, and history (jobs, records) do not, so they stay readable.
/// </summary>
public static class LiveSpinners
{
    public static IQueryable<Spinner> Live(this IQueryable<Spinner> spinners) => spinners.Where(s => s.ArchivedAt == null);
}
