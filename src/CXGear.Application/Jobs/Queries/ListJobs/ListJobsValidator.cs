using CXGear.Application.Common.Messaging;
using CXGear.Application.Common.Paging;
using CXGear.Domain.Authorization;
using CXGear.Domain.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CXGear.Application.Jobs.Queries.ListJobs;

public sealed class ListJobsValidator : AbstractValidator<ListJobsQuery>
{
    public ListJobsValidator() => this.AddPagingRules();
}
