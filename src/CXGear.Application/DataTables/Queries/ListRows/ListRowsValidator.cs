using CXGear.Application.Common.Abstractions;
using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Authorization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Queries.ListRows;

public sealed class ListRowsValidator : FluentValidation.AbstractValidator<ListRowsQuery>
{
    public ListRowsValidator() => this.AddPagingRules();
}
