using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Queries.ListJobRecords;

public sealed class ListJobRecordsValidator : AbstractValidator<ListJobRecordsQuery>
{
    public ListJobRecordsValidator() => this.AddPagingRules();
}
