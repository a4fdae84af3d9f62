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

    /// <summary>Counts and fetches one page; the query must already be ordered.</summary>
    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> query, IPagedRequest request, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<T>(items, request.Page, request.PageSize, total);
    }
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public PagedResult<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Page, PageSize, Total);
}
