using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.DataTables.Queries.ListDataTables;

public sealed class ListDataTablesValidator : FluentValidation.AbstractValidator<ListDataTablesQuery>
{
    public ListDataTablesValidator() => this.AddPagingRules();
}
