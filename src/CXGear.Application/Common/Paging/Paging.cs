using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Common.Paging;

/// <summary>A list request: <c>page</c> from 1, <c>pageSize</c> default 50, at most 200 (docs/api.md#conventions).</summary>
public interface IPagedRequest
{
    int Page { get; }
    int PageSize { get; }
}

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static void AddPagingRules<T>(this AbstractValidator<T> validator)
        where T : IPagedRequest
    {
        validator.RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("page starts at 1.");
        validator.RuleFor(x => x.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"pageSize is between 1 and {MaxPageSize}.");
    }

    /// <summary>
    /// How many items come before the page, in 64 bits: <c>page</c> and <c>pageSize</c> are each valid up to
    /// <see cref="int.MaxValue"/>, and their product in 32 bits wraps negative (SQLite reads a negative OFFSET as 0,
    /// so page 2,147,483,647 answered with page 1).
    /// </summary>
    public static long Offset(this IPagedRequest request) => (request.Page - 1L) * request.PageSize;

    /// <summary>Counts and fetches one page; the query must already be ordered. A page past the end is empty.</summary>
    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> query, IPagedRequest request, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var offset = request.Offset();

        // Past the end there is nothing to read; below the total the offset fits in an int, as Skip needs.
        var items = offset >= total
            ? []
            : await query.Skip((int)offset).Take(request.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<T>(items, request.Page, request.PageSize, total);
    }

    /// <summary>One page of a list already in memory, by the same rule.</summary>
    public static PagedResult<T> ToPage<T>(this IReadOnlyList<T> all, IPagedRequest request)
    {
        var offset = request.Offset();
        var items = offset >= all.Count ? [] : all.Skip((int)offset).Take(request.PageSize).ToList();
        return new PagedResult<T>(items, request.Page, request.PageSize, all.Count);
    }
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public PagedResult<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Page, PageSize, Total);
}
